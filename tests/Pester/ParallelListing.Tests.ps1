# Listings fetch the pages after the first side by side. What must hold all the same: items in the service's order,
# none lost and none twice, under faults and under a list that changes while it is read; Select-Object -First 3
# still makes one request; and a stopped listing cancels every page in flight at once.

BeforeDiscovery {
    # A list of 301 items that gains one at the front while it is read: the pages after the first are shifted by it.
    $first = @(1..100 | ForEach-Object { @{ id = ('bbbbbbbb-bbbb-4bbb-8bbb-{0:D12}' -f $_); name = "P$_" } })
    $shifted = @(100..199 | ForEach-Object { @{ id = ('bbbbbbbb-bbbb-4bbb-8bbb-{0:D12}' -f $_); name = "P$_" } })
    $third = @(200..299 | ForEach-Object { @{ id = ('bbbbbbbb-bbbb-4bbb-8bbb-{0:D12}' -f $_); name = "P$_" } })
    $last = @(300..301 | ForEach-Object { @{ id = ('bbbbbbbb-bbbb-4bbb-8bbb-{0:D12}' -f $_); name = "P$_" } })
    $growing = @(
        @{ method = 'GET'; path = '^/api/v1/products$'; query = '(^|&)offset=0(&|$)'; answers = @(@{ json = @{ data = $first; pagination = @{ total = 300 } } }) }
        @{ method = 'GET'; path = '^/api/v1/products$'; query = '(^|&)offset=100(&|$)'; answers = @(@{ json = @{ data = $shifted; pagination = @{ total = 301 } } }) }
        @{ method = 'GET'; path = '^/api/v1/products$'; query = '(^|&)offset=200(&|$)'; answers = @(@{ json = @{ data = $third; pagination = @{ total = 301 } } }) }
        @{ method = 'GET'; path = '^/api/v1/products$'; query = '(^|&)offset=300(&|$)'; answers = @(@{ json = @{ data = $last; pagination = @{ total = 301 } } }) }
    )
    $slowAfterFirst = @(
        @{ method = 'GET'; path = '^/api/v1/products$'; query = '(^|&)offset=0(&|$)'; answers = @(@{ json = @{ data = $first; pagination = @{ total = 1000 } } }) }
        @{ method = 'GET'; path = '^/api/v1/products$'; answers = @(@{ delay_ms = 30000; json = @{ data = @(); pagination = @{ total = 1000 } } }) }
    )
}

BeforeAll {
    $ErrorActionPreference = 'Continue'
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ReliabilitySupport.psm1') -Force
    Import-TestModule
    $script:emulator = Start-TestEmulator
    $script:server = Start-TestScenarioServer
}

AfterAll {
    Disconnect-Adsumo
    if ($script:pipeline) { Remove-TestPipeline $script:pipeline }
    if ($script:emulator) { Clear-EmulatorFault -Emulator $script:emulator; Stop-LoopbackServer $script:emulator }
    if ($script:server) { Stop-LoopbackServer $script:server }
}

Describe 'Listing with pages fetched ahead' {
    It 'writes 1,000 products in the service''s order, none lost and none twice, under faults' {
        $team = New-TestTeam -Emulator $emulator -MaxRetries 10 -RetryBaseDelaySeconds 0.01
        $seeded = @((Add-EmulatorData -Emulator $emulator -Key $team.Key -Data @{ products = 1000 }).products)
        [array]::Reverse($seeded)
        Set-EmulatorFault -Emulator $emulator -Fault @{ error_rate = 0.2; rate_limit_rate = 0.1; retry_after_seconds = 0; reset_rate = 0.05; malformed_rate = 0.05; seed = 7 }
        try {
            Clear-EmulatorRequest -Emulator $emulator
            $listed = @(Get-AdsumoProduct -Connection $team.Connection)
            $requests = @(Get-EmulatorRequest -Emulator $emulator)
        }
        finally { Clear-EmulatorFault -Emulator $emulator }
        @($requests | Where-Object fault).Count | Should -BeGreaterThan 0
        (@($listed.Id) -join ',') | Should -Be (@($seeded) -join ',')
    }

    It 'reads a list that gains an item at the front while it is read: every item once' {
        $scenario = Connect-ScriptedScenario -Server $server -Rules $growing
        $listed = @(Get-AdsumoProduct -Connection $scenario.Connection)
        $listed.Count | Should -Be 301
        @($listed.Id | Sort-Object -Unique).Count | Should -Be 301
        $listed[-1].Name | Should -Be 'P301'
    } -ForEach @{ growing = $growing }

    It 'makes one request for Select-Object -First 3' {
        $team = New-TestTeam -Emulator $emulator
        $null = Add-EmulatorData -Emulator $emulator -Key $team.Key -Data @{ products = 500 }
        Clear-EmulatorRequest -Emulator $emulator
        @(Get-AdsumoProduct -Connection $team.Connection | Select-Object -First 3).Count | Should -Be 3
        @(Get-EmulatorRequest -Emulator $emulator | Where-Object path -EQ '/api/v1/products').Count | Should -Be 1
    }

    It 'cancels every page in flight when the listing is stopped' {
        $scenario = Connect-ScriptedScenario -Server $server -Rules $slowAfterFirst -RequestTimeoutSeconds 60
        $script:pipeline = Start-TestPipeline -Parameters @{ Connection = $scenario.Connection } -Script '
            param($Connection)
            Get-AdsumoProduct -Connection $Connection | ForEach-Object { $_ }'
        $inFlight = { @(Get-ScenarioRequest -Server $server -Scenario $scenario.Name | Where-Object { $_.path -like '*/products' -and $_.query -notmatch '(^|&)offset=0(&|$)' -and $_.state -eq 'in_flight' }) }
        # The first page is written, then the next ones are asked for side by side.
        Wait-Until -Description 'several pages in flight at once' { (& $inFlight).Count -ge 2 }
        $waiting = @(& $inFlight).Count

        $seconds = Stop-TestPipeline $pipeline
        $seconds | Should -BeLessThan 3
        $pipeline.Shell.InvocationStateInfo.State | Should -Be 'Stopped'
        Wait-Until -TimeoutSeconds 10 -Description 'every page in flight abandoned' { (& $inFlight).Count -eq 0 }
        $waiting | Should -BeLessOrEqual 8
    } -ForEach @{ slowAfterFirst = $slowAfterFirst }
}
