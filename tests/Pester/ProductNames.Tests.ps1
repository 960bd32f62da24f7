# Finding products by name before creating them: Get-AdsumoProduct -Name (the API has no name filter, so the module
# filters the listing as it streams), and the documented import that creates only the missing rows, run twice.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-TestModule
    $script:emulator = Start-TestEmulator
    $script:image = 'https://example.com/p.png'
    $script:folder = New-TestFolder -Prefix 'adsumo-names-'

    function script:New-Product([string] $Name) {
        New-AdsumoProduct -Name $Name -Description d -Category Outdoor -ImageUrl $image
    }

    function script:Get-ProductListing {
        @(Get-EmulatorRequest -Emulator $emulator | Where-Object { $_.method -eq 'GET' -and $_.path -like '*/products' })
    }
}

AfterAll {
    Disconnect-Adsumo
    if ($script:emulator) { Stop-LoopbackServer $script:emulator }
    Remove-Item $folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Get-AdsumoProduct -Name' {
    BeforeEach { $script:team = New-TestTeam -Emulator $emulator }

    It 'keeps the products whose name matches, with wildcards and without case' {
        $made = 'Trail Bottle', 'Trail Mug', 'Camp Mug' | ForEach-Object { New-Product $_ }
        (Get-AdsumoProduct -Name 'trail*').Name | Sort-Object | Should -Be @('Trail Bottle', 'Trail Mug')
        (Get-AdsumoProduct -Name '*MUG').Id | Sort-Object | Should -Be (($made | Where-Object Name -Like '*Mug').Id | Sort-Object)
        @(Get-AdsumoProduct -Name 'Camp Mug').Id | Should -Be @(($made | Where-Object Name -EQ 'Camp Mug').Id)
        @(Get-AdsumoProduct -Name 'Tent*' -ErrorVariable failures).Count | Should -Be 0
        $failures.Count | Should -Be 0
    }

    It 'trims the pattern as names are trimmed when products are created' {
        $made = New-Product '  Padded Bottle  '
        $made.Name | Should -Be 'Padded Bottle'
        (Get-AdsumoProduct -Name ' Padded Bottle ').Id | Should -Be $made.Id
    }

    It 'matches wildcard characters literally once escaped' {
        $bracketed = New-Product 'Bottle [750 ml]'
        $null = New-Product 'Bottle 7'
        @(Get-AdsumoProduct -Name ([WildcardPattern]::Escape('Bottle [750 ml]'))).Id | Should -Be @($bracketed.Id)
    }

    It 'streams: stops asking for pages once -First matches are written' {
        $null = Add-EmulatorData -Emulator $emulator -Key $team.Key -Data @{ products = 250 }
        Clear-EmulatorRequest -Emulator $emulator
        $firstThree = @(Get-AdsumoProduct -Name 'Seeded product*' | Select-Object -First 3)
        $firstThree.Count | Should -Be 3
        (Get-ProductListing).Count | Should -Be 1

        Clear-EmulatorRequest -Emulator $emulator
        @(Get-AdsumoProduct -Name 'Seeded product*' -First 2).Count | Should -Be 2
        (Get-ProductListing).Count | Should -Be 1
    }

    It 'counts and pages the matches with -Skip, -First and -IncludeTotalCount' {
        $null = Add-EmulatorData -Emulator $emulator -Key $team.Key -Data @{ products = 120 }
        $trail = 'Trail A', 'Trail B', 'Trail C' | ForEach-Object { New-Product $_ }
        $all = @(Get-AdsumoProduct -Name 'Trail*')
        $all.Count | Should -Be 3
        $output = @(Get-AdsumoProduct -Name 'Trail*' -Skip 1 -First 1 -IncludeTotalCount)
        $output.Count | Should -Be 2
        "$($output[0])" | Should -Match '\b3\b'
        $output[1].Id | Should -Be $all[1].Id
    }

    It 'finds nothing by -Name in another team''s products' {
        $null = New-Product 'Trail Bottle'
        $other = New-TestTeam -Emulator $emulator
        @(Get-AdsumoProduct -Name 'Trail*' -Connection $other.Connection).Count | Should -Be 0
    }
}

Describe 'The documented import that creates only missing products' {
    BeforeAll {
        # The recipe as New-AdsumoProduct's help shows it, so that the documented code is the tested code.
        $example = @((Get-Help New-AdsumoProduct -Examples).examples.example | Where-Object { $_.code -match 'ContainsKey' })
        $example.Count | Should -Be 1
        $script:recipe = [scriptblock]::Create($example[0].code)
    }

    BeforeEach { $script:team = New-TestTeam -Emulator $emulator }

    It 'makes no duplicates when run twice, nor for a name the CSV repeats or pads' {
        $existing = New-Product 'Trail Bottle'
        $csv = Join-Path $folder 'products.csv'
        @(
            [pscustomobject]@{ Name = 'Trail Bottle'; Description = 'Insulated'; Category = 'Outdoor'; ImageUrl = $image; Price = '29.99' }
            [pscustomobject]@{ Name = 'Camp Mug'; Description = 'Enamel'; Category = 'Outdoor'; ImageUrl = $image; Price = '12.50' }
            [pscustomobject]@{ Name = ' trail bottle '; Description = 'Again, padded'; Category = 'Outdoor'; ImageUrl = $image; Price = '' }
            [pscustomobject]@{ Name = 'Tote Bag'; Description = 'Canvas'; Category = 'Outdoor'; ImageUrl = $image; Price = '' }
            [pscustomobject]@{ Name = 'Camp Mug'; Description = 'Listed twice'; Category = 'Outdoor'; ImageUrl = $image; Price = '12.50' }
        ) | Export-Csv $csv
        Push-Location $folder
        try {
            $firstRun = @(& $recipe)
            $secondRun = @(& $recipe)
        }
        finally { Pop-Location }
        $firstRun.Name | Sort-Object | Should -Be @('Camp Mug', 'Tote Bag')
        $secondRun.Count | Should -Be 0
        $products = @(Get-AdsumoProduct)
        $products.Name | Sort-Object | Should -Be @('Camp Mug', 'Tote Bag', 'Trail Bottle')
        ($products | Where-Object Name -EQ 'Trail Bottle').Id | Should -Be $existing.Id
    }
}
