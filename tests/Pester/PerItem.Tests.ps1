# A problem with one pipeline item, or one element of an array argument (a malformed id, an invalid CSV row, one
# not found, one not ready), is that item's non-terminating error, with its specific id and the item as target,
# and the other items go on, as with PowerShell's own cmdlets. -ErrorAction Stop still stops at the first. What
# makes the whole command meaningless (a refused key) ends it at once.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-TestModule
    $script:emulator = Start-TestEmulator -Arguments @('--generation-seconds', '0.5')

    function script:Add-Product([int] $Count = 1) {
        @((Add-EmulatorData -Emulator $emulator -Key $team.Key -Data @{ products = $Count }).products)
    }

    function script:Add-Generation([string] $Status = 'completed', [int] $Count = 1) {
        @((Add-EmulatorData -Emulator $emulator -Key $team.Key -Data @{ generations = @{ count = $Count; type = 'image'; status = $Status; seconds = -1 } }).generations)
    }

    function script:Get-ErrorSummary($Failures) {
        @($Failures | ForEach-Object { "$($_.FullyQualifiedErrorId -replace ',.*$') $($_.TargetObject)" })
    }
}

AfterAll {
    Disconnect-Adsumo
    if ($script:emulator) { Stop-Emulator $script:emulator }
}

Describe 'One bad item among good ones' {
    BeforeEach {
        $script:team = New-TestTeam -Emulator $emulator
    }

    It 'gets the good products around a malformed id and a missing one' {
        $good = Add-Product -Count 2
        $missing = [guid]::NewGuid().ToString()
        $products = 'bad-id', $good[0], $missing, $good[1] | Get-AdsumoProduct -ErrorVariable failures -ErrorAction SilentlyContinue
        $products.Id | Should -Be $good
        Get-ErrorSummary $failures | Should -Be @('Adsumo.InvalidId bad-id', "Adsumo.NotFound $missing")
    }

    It 'gets the good avatars around a malformed id and a missing one' {
        $good = @(Get-AdsumoAvatar -Type Platform | Select-Object -First 2).Id
        $missing = [guid]::NewGuid().ToString()
        $avatars = Get-AdsumoAvatar -Id $good[0], 'emma', $missing, $good[1] -ErrorVariable failures -ErrorAction SilentlyContinue
        $avatars.Id | Should -Be $good
        Get-ErrorSummary $failures | Should -Be @('Adsumo.InvalidId emma', "Adsumo.NotFound $missing")
    }

    It 'deletes the good products of an -Id array around a malformed id and a missing one' {
        $good = Add-Product -Count 2
        $missing = [guid]::NewGuid().ToString()
        Remove-AdsumoProduct -Id 'nope', $good[0], $missing, $good[1] -Force -ErrorVariable failures -ErrorAction SilentlyContinue
        @(Get-AdsumoProduct).Count | Should -Be 0
        Get-ErrorSummary $failures | Should -Be @('Adsumo.InvalidId nope', "Adsumo.NotFound $missing")
    }

    It 'imports every good row of a CSV around an invalid one' {
        $csv = Join-Path $TestDrive 'products.csv'
        @(
            [pscustomobject]@{ Name = 'Mug'; Description = 'A mug'; Category = 'Kitchen'; ImageUrl = 'https://example.com/mug.png' }
            [pscustomobject]@{ Name = 'Broken'; Description = 'No image'; Category = 'Kitchen'; ImageUrl = 'not a url' }
            [pscustomobject]@{ Name = 'Cup'; Description = 'A cup'; Category = 'Kitchen'; ImageUrl = 'https://example.com/cup.png' }
        ) | Export-Csv -Path $csv -NoTypeInformation
        $created = Import-Csv $csv | New-AdsumoProduct -ErrorVariable failures -ErrorAction SilentlyContinue
        $created.Name | Should -Be @('Mug', 'Cup')
        Get-ErrorSummary $failures | Should -Be @('Adsumo.InvalidUrl Broken')
        (Get-AdsumoProduct).Name | Sort-Object | Should -Be @('Cup', 'Mug')
    }

    It 'starts every good image of a pipeline around an invalid one' {
        $created = @(
            [pscustomobject]@{ Prompt = 'One'; Model = 'fast'; AspectRatio = '1:1' }
            [pscustomobject]@{ Prompt = 'Two'; Model = 'fast'; AspectRatio = '16x9' }
            [pscustomobject]@{ Prompt = 'Three'; Model = 'fast'; AspectRatio = '9:16' }
        ) | New-AdsumoImage -ErrorVariable failures -ErrorAction SilentlyContinue
        @($created).Count | Should -Be 2
        Get-ErrorSummary $failures | Should -Be @('Adsumo.InvalidAspectRatio Two')
        @(Get-AdsumoGeneration).Count | Should -Be 2
    }

    It 'saves the good generations around a malformed id, a missing one and one still processing' {
        $good = @(Add-Generation)
        $processing = @(Add-Generation -Status processing)
        $missing = [guid]::NewGuid().ToString()
        $dir = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $files = 'hero', $good[0], $missing, $processing[0] | Save-AdsumoGeneration -Path $dir -ErrorVariable failures -ErrorAction SilentlyContinue
        $files.GenerationId | Should -Be $good
        Get-ErrorSummary $failures | Should -Be @('Adsumo.InvalidId hero', "Adsumo.NotFound $missing", "Adsumo.GenerationNotReady $($processing[0])")
    }

    It 'stops at the first bad item with -ErrorAction Stop, after what came before it' {
        $good = Add-Product -Count 2
        $seen = [Collections.Generic.List[object]]::new()
        { $good[0], 'bad-id', $good[1] | Get-AdsumoProduct -ErrorAction Stop | ForEach-Object { $seen.Add($_) } } |
            Should -Throw -ErrorId 'Adsumo.InvalidId,Adsumo.Commands.GetAdsumoProductCommand'
        $seen.Id | Should -Be @($good[0])
    }

    It 'stops an import at its first invalid row with -ErrorAction Stop, having created the rows before it' {
        $rows = @(
            [pscustomobject]@{ Name = 'First'; Description = 'd'; Category = 'c'; ImageUrl = 'https://example.com/1.png' }
            [pscustomobject]@{ Name = 'Bad'; Description = 'd'; Category = 'c'; ImageUrl = 'ftp://example.com/2.png' }
            [pscustomobject]@{ Name = 'Third'; Description = 'd'; Category = 'c'; ImageUrl = 'https://example.com/3.png' }
        )
        { $rows | New-AdsumoProduct -ErrorAction Stop } | Should -Throw -ErrorId 'Adsumo.InvalidUrl,Adsumo.Commands.NewAdsumoProductCommand'
        (Get-AdsumoProduct).Name | Should -Be @('First')
    }

    It 'stops saving at the first bad generation with -ErrorAction Stop' {
        $good = Add-Generation -Count 2
        $dir = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        { $good[0], 'hero', $good[1] | Save-AdsumoGeneration -Path $dir -ErrorAction Stop } |
            Should -Throw -ErrorId 'Adsumo.InvalidId,Adsumo.Commands.SaveAdsumoGenerationCommand'
        (Get-ChildItem $dir).Name | Should -Be @("image-$($good[0]).png")
    }

    It 'ends the command at the first item when the key is refused, rather than once per item' {
        # The environment's key is used without a check (Connect-Adsumo would refuse it first): the tier below
        # Starter, which the API answers 403 for every request.
        $saved = @{ Key = $env:ADSUMO_API_KEY; Uri = $env:ADSUMO_BASE_URI }
        Disconnect-Adsumo
        $env:ADSUMO_API_KEY = New-TestKey -Prefix 'adsumo_sk_free_'
        $env:ADSUMO_BASE_URI = $emulator.BaseUri
        try {
            Clear-EmulatorRequest -Emulator $emulator
            $ids = 1..3 | ForEach-Object { [guid]::NewGuid().ToString() }
            { $ids | Get-AdsumoProduct -ErrorAction SilentlyContinue } | Should -Throw -ErrorId 'Adsumo.Forbidden,Adsumo.Commands.GetAdsumoProductCommand'
            @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 1
        }
        finally {
            $env:ADSUMO_API_KEY = $saved.Key
            $env:ADSUMO_BASE_URI = $saved.Uri
        }
    }
}
