# A problem with one pipeline item, or one element of an array argument, is that item's non-terminating error, with
# its own error id and the item as target, and the other items go on, as with PowerShell's own cmdlets;
# -ErrorAction Stop still stops at the first. What makes the whole command meaningless ends it.

BeforeAll {
    $ErrorActionPreference = 'Continue'
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ReliabilitySupport.psm1') -Force
    Import-TestModule
    $script:emulator = Start-TestEmulator -Arguments @('--generation-seconds', '0')
}

AfterAll {
    Disconnect-Adsumo
    if ($script:emulator) { Stop-LoopbackServer $script:emulator }
}

Describe 'One bad item among good ones' {
    BeforeEach {
        $script:team = New-TestTeam -Emulator $emulator
        $script:good = (Add-EmulatorData -Emulator $emulator -Key $team.Key -Data @{ products = 2 }).products
        $script:missing = '99999999-9999-4999-8999-999999999999'
        Clear-EmulatorRequest -Emulator $emulator
    }

    It 'reads the good ids piped after a malformed one and a missing one (Get-AdsumoProduct)' {
        $run = Invoke-Captured { 'not-an-id', $missing, $good[0] | Get-AdsumoProduct }
        $run.Output.Id | Should -Be $good[0]
        $run.Errors.FullyQualifiedErrorId | Should -Be 'Adsumo.InvalidId,Adsumo.Commands.GetAdsumoProductCommand', 'Adsumo.NotFound,Adsumo.Commands.GetAdsumoProductCommand'
        $run.Errors.TargetObject | Should -Be 'not-an-id', $missing
    }

    It 'reads the good elements of an -Id array around a malformed one (Get-AdsumoProduct, Get-AdsumoAvatar)' {
        $avatar = (Add-EmulatorData -Emulator $emulator -Key $team.Key -Data @{ custom_avatars = 1 }).custom_avatars[0]
        $run = Invoke-Captured {
            Get-AdsumoProduct -Id $good[0], 'bad', $good[1]
            Get-AdsumoAvatar -Id 'bad-avatar', $avatar
        }
        $run.Output.Id | Should -Be $good[0], $good[1], $avatar
        $run.Errors.FullyQualifiedErrorId | Should -Be 'Adsumo.InvalidId,Adsumo.Commands.GetAdsumoProductCommand', 'Adsumo.InvalidId,Adsumo.Commands.GetAdsumoAvatarCommand'
        $run.Errors.TargetObject | Should -Be 'bad', 'bad-avatar'
    }

    It 'deletes the good ids piped around a malformed one (Remove-AdsumoProduct)' {
        $run = Invoke-Captured { $good[0], 'bad', $good[1] | Remove-AdsumoProduct -Force }
        $run.Errors.FullyQualifiedErrorId | Should -Be 'Adsumo.InvalidId,Adsumo.Commands.RemoveAdsumoProductCommand'
        $run.Errors[0].TargetObject | Should -Be 'bad'
        @(Get-AdsumoProduct) | Should -BeNullOrEmpty
    }

    It 'imports the good rows of a CSV around a bad one (New-AdsumoProduct)' {
        $csv = @(
            [pscustomobject]@{ Name = 'First'; Description = 'd'; Category = 'c'; ImageUrl = 'https://example.com/1.png' }
            [pscustomobject]@{ Name = 'Broken'; Description = 'd'; Category = 'c'; ImageUrl = 'not a url' }
            [pscustomobject]@{ Name = 'Third'; Description = 'd'; Category = 'c'; ImageUrl = 'https://example.com/3.png' }
        ) | ConvertTo-Csv | ConvertFrom-Csv
        $run = Invoke-Captured { $csv | New-AdsumoProduct }
        $run.Output.Name | Should -Be 'First', 'Third'
        $run.Errors.FullyQualifiedErrorId | Should -Be 'Adsumo.InvalidUrl,Adsumo.Commands.NewAdsumoProductCommand'
        $run.Errors[0].TargetObject | Should -Be 'Broken'
        @(Get-EmulatorRequest -Emulator $emulator | Where-Object { $_.method -eq 'POST' }).Count | Should -Be 2
    }

    It 'starts the good rows around a bad one (New-AdsumoImage)' {
        $rows = @(
            [pscustomobject]@{ Prompt = 'a red bottle'; AspectRatio = '1:1' }
            [pscustomobject]@{ Prompt = 'a blue bottle'; AspectRatio = 'square' }
            [pscustomobject]@{ Prompt = 'a green bottle'; AspectRatio = '16:9' }
        )
        $run = Invoke-Captured { $rows | New-AdsumoImage -Model fast }
        $run.Output.Count | Should -Be 2
        $run.Errors.FullyQualifiedErrorId | Should -Be 'Adsumo.InvalidAspectRatio,Adsumo.Commands.NewAdsumoImageCommand'
        # The target is the row as it came, so a script knows which row of its CSV to fix.
        $run.Errors[0].TargetObject.Prompt | Should -Be 'a blue bottle'
    }

    It 'saves the good generations piped around a malformed id and one still processing (Save-AdsumoGeneration)' {
        $done = (Add-EmulatorData -Emulator $emulator -Key $team.Key -Data @{ generations = @{ count = 2; status = 'completed' } }).generations
        $waiting = (Add-EmulatorData -Emulator $emulator -Key $team.Key -Data @{ generations = @{ count = 1; status = 'processing'; seconds = -1 } }).generations[0]
        $folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $run = Invoke-Captured { $done[0], 'bad', $waiting, $done[1] | Save-AdsumoGeneration -Path $folder }
        $run.Output.GenerationId | Should -Be $done[0], $done[1]
        $run.Errors.FullyQualifiedErrorId | Should -Be 'Adsumo.InvalidId,Adsumo.Commands.SaveAdsumoGenerationCommand', 'Adsumo.GenerationNotReady,Adsumo.Commands.SaveAdsumoGenerationCommand'
        $run.Errors.TargetObject | Should -Be 'bad', $waiting
    }

    It 'stops at the first bad item under -ErrorAction Stop, sending nothing for the items after it' {
        { 'not-an-id', $good[0] | Get-AdsumoProduct -ErrorAction Stop } | Should -Throw -ErrorId 'Adsumo.InvalidId,Adsumo.Commands.GetAdsumoProductCommand'
        @(Get-EmulatorRequest -Emulator $emulator | Where-Object path -Like '*/products/*') | Should -BeNullOrEmpty
    }

    It 'ends the whole command at the first item when the key is refused, rather than refusing each item in turn' {
        # The environment's key is used without a check (Connect-Adsumo would refuse it first): a key of the tier
        # below Starter, which the API answers 403 for every request.
        $saved = @{ Key = $env:ADSUMO_API_KEY; Uri = $env:ADSUMO_BASE_URI }
        Disconnect-Adsumo
        $env:ADSUMO_API_KEY = New-TestKey -Prefix 'adsumo_sk_free_'
        $env:ADSUMO_BASE_URI = $emulator.BaseUri
        try {
            { $good[0], $missing, $good[1] | Get-AdsumoProduct -ErrorAction SilentlyContinue } |
                Should -Throw -ErrorId 'Adsumo.Forbidden,Adsumo.Commands.GetAdsumoProductCommand'
            @(Get-EmulatorRequest -Emulator $emulator | Where-Object path -Like '*/products/*').Count | Should -Be 1
        }
        finally {
            $env:ADSUMO_API_KEY = $saved.Key
            $env:ADSUMO_BASE_URI = $saved.Uri
        }
    }

    It 'ends the whole command when there is no connection, whatever -ErrorAction says' {
        Disconnect-Adsumo
        { $good | Get-AdsumoProduct -ErrorAction SilentlyContinue } | Should -Throw -ErrorId 'Adsumo.NotConnected,Adsumo.Commands.GetAdsumoProductCommand'
    }
}
