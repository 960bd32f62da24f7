# Retries and timeouts, all in the HTTP core's one retry handler: what is retried (429, 5xx, resets and timeouts of
# reads; only 429 and refused connections for creations), how long it waits (Retry-After, exponential backoff with
# jitter), when it gives up (attempts, total time), and that every try carries the same request id.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ReliabilitySupport.psm1') -Force
    Import-TestModule
    $script:emulator = Start-TestEmulator
    $script:server = Start-TestScenarioServer
    $script:productId = '11111111-1111-4111-8111-111111111111'

    function Get-RetryDelay {
        # The waits the verbose "Retrying ... in N s" lines announced, in seconds.
        param([string[]] $Verbose)
        foreach ($line in $Verbose) {
            if ($line -match '^Retrying .* in (?<s>[0-9.]+) s \(attempt') { [double] $Matches.s }
        }
    }
}

AfterAll {
    Disconnect-Adsumo
    if ($script:emulator) { Clear-EmulatorFault -Emulator $script:emulator; Stop-LoopbackServer $script:emulator }
    if ($script:server) { Stop-LoopbackServer $script:server }
}

Describe 'Retrying what is transient' {
    AfterEach { Clear-EmulatorFault -Emulator $emulator }

    It 'sends every try of a failing read with the same request id, and says how many tries it made' {
        $team = New-TestTeam -Emulator $emulator -MaxRetries 3 -RetryBaseDelaySeconds 0.01
        Set-EmulatorFault -Emulator $emulator -Fault @{ error_rate = 1 }
        Clear-EmulatorRequest -Emulator $emulator
        $run = Invoke-Captured { Get-AdsumoCredit -Connection $team.Connection -Verbose }
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'Adsumo.ServerError,Adsumo.Commands.GetAdsumoCreditCommand'
        $run.Errors[0].Exception.Attempts | Should -Be 4
        $run.Errors[0].Exception.Message | Should -Match 'after 4 attempts'
        $requests = @(Get-EmulatorRequest -Emulator $emulator)
        $requests.Count | Should -Be 4
        @($requests.request_id | Sort-Object -Unique).Count | Should -Be 1
        $requests[0].request_id | Should -Be $run.Errors[0].Exception.RequestId
        @($requests | Where-Object fault -EQ 'error').Count | Should -Be 4
        # One verbose line per retry, naming the attempt it starts.
        @($run.Verbose -match '^Retrying ').Count | Should -Be 3
        $run.Verbose -match '^Retrying .*\(attempt 4 of 4\) after 500' | Should -Not -BeNullOrEmpty
    }

    It 'succeeds once a flaky read recovers, with one request id across its tries' {
        $connection = Connect-Scenario -Server $server -Scenario flaky-503 -MaxRetries 3
        Clear-ScenarioRequest -Server $server
        $run = Invoke-Captured { Get-AdsumoProduct -Id $productId -Connection $connection -Verbose }
        $run.Errors | Should -BeNullOrEmpty
        $run.Output[0].Id | Should -Be $productId
        $tries = @(Get-ScenarioRequest -Server $server -Scenario flaky-503)
        $tries.Count | Should -Be 3
        ($tries.attempt -join ',') | Should -Be '1,2,3'
        @($tries.request_id | Sort-Object -Unique).Count | Should -Be 1
        @($run.Verbose -match '^Retrying ').Count | Should -Be 2
    }

    It 'retries a read whose connection was reset' {
        $connection = Connect-Scenario -Server $server -Scenario reset-once -MaxRetries 2
        Clear-ScenarioRequest -Server $server
        (Get-AdsumoProduct -Id $productId -Connection $connection).Id | Should -Be $productId
        $tries = @(Get-ScenarioRequest -Server $server -Scenario reset-once)
        ($tries.state -join ',') | Should -Be 'cut,done'
        @($tries.request_id | Sort-Object -Unique).Count | Should -Be 1
    }

    It 'gives up on resets after MaxRetries with Adsumo.NetworkError' {
        $team = New-TestTeam -Emulator $emulator -MaxRetries 2 -RetryBaseDelaySeconds 0.01
        Set-EmulatorFault -Emulator $emulator -Fault @{ reset_rate = 1 }
        Clear-EmulatorRequest -Emulator $emulator
        { Get-AdsumoProduct -Connection $team.Connection } |
            Should -Throw -ErrorId 'Adsumo.NetworkError,Adsumo.Commands.GetAdsumoProductCommand' -ExpectedMessage '*failed after 3 attempts*reset*'
        $requests = @(Get-EmulatorRequest -Emulator $emulator)
        $requests.Count | Should -Be 3
        @($requests | Where-Object fault -EQ 'reset').Count | Should -Be 3
    }

    It 'retries a read that timed out, then fails with Adsumo.Timeout' {
        $connection = Connect-Scenario -Server $server -Scenario trickle -MaxRetries 1 -RequestTimeoutSeconds 1
        Clear-ScenarioRequest -Server $server
        $run = Invoke-Captured { Get-AdsumoProduct -Connection $connection }
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'Adsumo.Timeout,Adsumo.Commands.GetAdsumoProductCommand'
        $run.Errors[0].Exception.Message | Should -Match 'after 2 attempts.*no complete answer within 1\.0 s'
        Wait-Until -Description 'both tries end on the server' { @(Get-ScenarioRequest -Server $server -Scenario trickle | Where-Object state -EQ 'in_flight').Count -eq 0 }
        $tries = @(Get-ScenarioRequest -Server $server -Scenario trickle)
        $tries.Count | Should -Be 2
        @($tries.request_id | Sort-Object -Unique).Count | Should -Be 1
        # Two tries of one second each: the timeout, not the trickling body (which would take 25 s), ended them.
        $run.Seconds | Should -BeLessThan 10
    }

    It 'does not retry what will not change: 400, 404, and any status with MaxRetries 0' {
        $connection = Connect-Scenario -Server $server -Scenario error-object -MaxRetries 5
        Clear-ScenarioRequest -Server $server
        { Get-AdsumoProduct -Connection $connection } | Should -Throw -ErrorId 'Adsumo.InvalidRequest,Adsumo.Commands.GetAdsumoProductCommand'
        @(Get-ScenarioRequest -Server $server).Count | Should -Be 1

        $team = New-TestTeam -Emulator $emulator -MaxRetries 5
        Clear-EmulatorRequest -Emulator $emulator
        { Get-AdsumoProduct -Id ([guid]::NewGuid()) -Connection $team.Connection -ErrorAction Stop } |
            Should -Throw -ErrorId 'Adsumo.NotFound,Adsumo.Commands.GetAdsumoProductCommand'
        @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 1

        $noRetries = New-TestTeam -Emulator $emulator -MaxRetries 0
        Set-EmulatorFault -Emulator $emulator -Fault @{ error_rate = 1 }
        Clear-EmulatorRequest -Emulator $emulator
        { Get-AdsumoCredit -Connection $noRetries.Connection } | Should -Throw -ErrorId 'Adsumo.ServerError,Adsumo.Commands.GetAdsumoCreditCommand'
        @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 1
    }
}

Describe 'Waiting between tries' {
    AfterEach { Clear-EmulatorFault -Emulator $emulator }

    It 'waits as Retry-After says in seconds' {
        $team = New-TestTeam -Emulator $emulator -MaxRetries 2 -RetryBaseDelaySeconds 0.01
        Set-EmulatorFault -Emulator $emulator -Fault @{ rate_limit_rate = 1; retry_after_seconds = 1 }
        Clear-EmulatorRequest -Emulator $emulator
        $run = Invoke-Captured { Get-AdsumoCredit -Connection $team.Connection -Verbose }
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'Adsumo.RateLimited,Adsumo.Commands.GetAdsumoCreditCommand'
        $run.Errors[0].Exception.Message | Should -Match 'after 3 attempts'
        $run.Errors[0].Exception.RetryAfterSeconds | Should -Be 1
        (Get-RetryDelay $run.Verbose) | Should -Be @(1, 1)
        @($run.Verbose -match 'as Retry-After asked').Count | Should -Be 2
        # Two waits of one second, not the 0.01 s backoff the connection would otherwise use.
        $run.Seconds | Should -BeGreaterOrEqual 1.9
        $requests = @(Get-EmulatorRequest -Emulator $emulator)
        $requests.Count | Should -Be 3
        @($requests.request_id | Sort-Object -Unique).Count | Should -Be 1
    }

    It 'waits as Retry-After says when it is an HTTP date' {
        $connection = Connect-Scenario -Server $server -Scenario retry-after-date -MaxRetries 2
        Clear-ScenarioRequest -Server $server
        $run = Invoke-Captured { Get-AdsumoProduct -Id $productId -Connection $connection -Verbose }
        $run.Errors | Should -BeNullOrEmpty
        $run.Output[0].Id | Should -Be $productId
        $tries = @(Get-ScenarioRequest -Server $server -Scenario retry-after-date)
        $tries.Count | Should -Be 2
        # The date is two seconds ahead, to the whole second: the wait is between one and two seconds.
        ($tries[1].time_ms - $tries[0].time_ms) | Should -BeGreaterOrEqual 900
        $delay = @(Get-RetryDelay $run.Verbose)
        $delay.Count | Should -Be 1
        $delay[0] | Should -BeGreaterThan 0.5
        $delay[0] | Should -BeLessOrEqual 2.05
    }

    It 'reads a Retry-After of <Scenario> as a wait of <Low> to <High> s' -ForEach @(
        @{ Scenario = 'retry-after-past-date'; Low = 0; High = 0.05 }
        @{ Scenario = 'retry-after-fraction'; Low = 0.5; High = 0.5 }
        # Unreadable: the connection's own backoff (base 0.2 s, so 0.1 to 0.2 s) instead.
        @{ Scenario = 'retry-after-garbage'; Low = 0.1; High = 0.2 }
    ) {
        $connection = Connect-Scenario -Server $server -Scenario $Scenario -MaxRetries 2 -RetryBaseDelaySeconds 0.2
        Clear-ScenarioRequest -Server $server
        $run = Invoke-Captured { Get-AdsumoProduct -Id $productId -Connection $connection -Verbose }
        $run.Errors | Should -BeNullOrEmpty
        $run.Output[0].Id | Should -Be $productId
        $delay = @(Get-RetryDelay $run.Verbose)
        $delay.Count | Should -Be 1
        $delay[0] | Should -BeGreaterOrEqual ($Low - 0.006)
        $delay[0] | Should -BeLessOrEqual ($High + 0.006)
        @(Get-ScenarioRequest -Server $server -Scenario $Scenario).Count | Should -Be 2
    }

    It 'backs off exponentially from RetryBaseDelaySeconds, with jitter' {
        $connection = Connect-Scenario -Server $server -Scenario always-503 -MaxRetries 4 -RetryBaseDelaySeconds 0.2
        $runs = foreach ($round in 1..2) {
            Clear-ScenarioRequest -Server $server
            $run = Invoke-Captured { Get-AdsumoProduct -Id $productId -Connection $connection -Verbose }
            $run.Errors[0].Exception.Attempts | Should -Be 5
            $delays = @(Get-RetryDelay $run.Verbose)
            $delays.Count | Should -Be 4
            $tries = @(Get-ScenarioRequest -Server $server -Scenario always-503)
            for ($i = 0; $i -lt 4; $i++) {
                # Retry n waits between half and all of base * 2^(n-1) (rounded to 0.01 s in the message)...
                $full = 0.2 * [math]::Pow(2, $i)
                $delays[$i] | Should -BeGreaterOrEqual ($full / 2 - 0.006)
                $delays[$i] | Should -BeLessOrEqual ($full + 0.006)
                # ...and really waits it before the next try reaches the server.
                ($tries[$i + 1].time_ms - $tries[$i].time_ms) / 1000 | Should -BeGreaterOrEqual ($delays[$i] - 0.02)
            }
            , $delays
        }
        # Jitter: two runs do not wait the same four times.
        ($runs[0] -join ',') | Should -Not -Be ($runs[1] -join ',')
    }

    It 'stops retrying when the next wait would pass RetryTimeoutSeconds' {
        $connection = Connect-Scenario -Server $server -Scenario always-503 -MaxRetries 20 -RetryBaseDelaySeconds 0.4 -RetryTimeoutSeconds 2
        Clear-ScenarioRequest -Server $server
        $run = Invoke-Captured { Get-AdsumoProduct -Id $productId -Connection $connection -Verbose }
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'Adsumo.ServerError,Adsumo.Commands.GetAdsumoProductCommand'
        $run.Verbose -match '^Not retrying .* would pass the retry limit of 2\.0 s' | Should -Not -BeNullOrEmpty
        $run.Errors[0].Exception.Attempts | Should -BeLessThan 21
        $run.Errors[0].Exception.Attempts | Should -Be @(Get-ScenarioRequest -Server $server -Scenario always-503).Count
        $run.Seconds | Should -BeLessThan 2.5
    }

    It 'does not sit out a Retry-After longer than RetryTimeoutSeconds' {
        $connection = Connect-Scenario -Server $server -Scenario always-429-30 -MaxRetries 5 -RetryTimeoutSeconds 5
        Clear-ScenarioRequest -Server $server
        $run = Invoke-Captured { Get-AdsumoProduct -Id $productId -Connection $connection -Verbose }
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'Adsumo.RateLimited,Adsumo.Commands.GetAdsumoProductCommand'
        $run.Errors[0].Exception.RetryAfterSeconds | Should -Be 30
        $run.Verbose -match 'waiting 30 s would pass the retry limit of 5\.0 s' | Should -Not -BeNullOrEmpty
        @(Get-ScenarioRequest -Server $server).Count | Should -Be 1
        $run.Seconds | Should -BeLessThan 3
    }
}

Describe 'Creations are sent again only when they certainly never arrived' {
    AfterEach { Clear-EmulatorFault -Emulator $emulator }

    It 'does not resend a creation answered with 500, and says why' {
        $team = New-TestTeam -Emulator $emulator -MaxRetries 5
        Set-EmulatorFault -Emulator $emulator -Fault @{ error_rate = 1 }
        Clear-EmulatorRequest -Emulator $emulator
        $run = Invoke-Captured { New-AdsumoProduct -Name Once -Description d -Category c -ImageUrl https://example.com/p.png -Connection $team.Connection }
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'Adsumo.ServerError,Adsumo.Commands.NewAdsumoProductCommand'
        $run.Errors[0].Exception.Message | Should -Match 'not sent again because the service may have acted on it'
        @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 1
    }

    It 'does not resend a creation whose connection was reset' {
        $team = New-TestTeam -Emulator $emulator -MaxRetries 5
        Set-EmulatorFault -Emulator $emulator -Fault @{ reset_rate = 1 }
        Clear-EmulatorRequest -Emulator $emulator
        $run = Invoke-Captured { New-AdsumoImage -Prompt p -Model fast -AspectRatio 1:1 -Connection $team.Connection }
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'Adsumo.NetworkError,Adsumo.Commands.NewAdsumoImageCommand'
        $run.Errors[0].Exception.Message | Should -Match 'after 1 attempt.*not sent again'
        @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 1
    }

    It 'does not resend a creation that timed out' {
        $connection = Connect-Scenario -Server $server -Scenario slow -MaxRetries 5 -RequestTimeoutSeconds 1
        Clear-ScenarioRequest -Server $server
        $run = Invoke-Captured { New-AdsumoProduct -Name Once -Description d -Category c -ImageUrl https://example.com/p.png -Connection $connection }
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'Adsumo.Timeout,Adsumo.Commands.NewAdsumoProductCommand'
        $run.Errors[0].Exception.Message | Should -Match 'not sent again'
        @(Get-ScenarioRequest -Server $server -Scenario slow).Count | Should -Be 1
    }

    It 'resends a creation refused with 429, with the same request id, and creates nothing twice' {
        $team = New-TestTeam -Emulator $emulator -MaxRetries 2
        Set-EmulatorFault -Emulator $emulator -Fault @{ rate_limit_rate = 1; retry_after_seconds = 0 }
        Clear-EmulatorRequest -Emulator $emulator
        { New-AdsumoProduct -Name Limited -Description d -Category c -ImageUrl https://example.com/p.png -Connection $team.Connection } |
            Should -Throw -ErrorId 'Adsumo.RateLimited,Adsumo.Commands.NewAdsumoProductCommand' -ExpectedMessage '*after 3 attempts*'
        $requests = @(Get-EmulatorRequest -Emulator $emulator)
        $requests.Count | Should -Be 3
        @($requests.request_id | Sort-Object -Unique).Count | Should -Be 1
        Clear-EmulatorFault -Emulator $emulator
        @(Get-AdsumoProduct -Connection $team.Connection).Count | Should -Be 0

        $connection = Connect-Scenario -Server $server -Scenario retry-after-seconds -MaxRetries 2
        Clear-ScenarioRequest -Server $server
        $created = New-AdsumoProduct -Name Later -Description d -Category c -ImageUrl https://example.com/p.png -Connection $connection
        $created.Id | Should -Not -BeNullOrEmpty
        $tries = @(Get-ScenarioRequest -Server $server -Scenario retry-after-seconds)
        ($tries.method -join ',') | Should -Be 'POST,POST'
        @($tries.request_id | Sort-Object -Unique).Count | Should -Be 1
        $tries[1].body_bytes | Should -Be $tries[0].body_bytes
        $tries[0].body_bytes | Should -BeGreaterThan 0
    }

    It 'resends a creation whose connection was refused, which never carried it' {
        # A server that was there for Connect-Adsumo and is gone: its port refuses connections.
        $gone = Start-TestScenarioServer
        $connection = Connect-Scenario -Server $gone -Scenario ok -MaxRetries 2
        Stop-LoopbackServer $gone
        $run = Invoke-Captured { New-AdsumoProduct -Name Refused -Description d -Category c -ImageUrl https://example.com/p.png -Connection $connection -Verbose }
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'Adsumo.NetworkError,Adsumo.Commands.NewAdsumoProductCommand'
        $run.Errors[0].Exception.Message | Should -Match 'failed after 3 attempts.*the connection was refused'
        $run.Errors[0].Exception.Message | Should -Not -Match 'not sent again'
        @($run.Verbose -match '^Retrying POST ').Count | Should -Be 2
    }

    It 'treats a delete that answers 404 on a retry as done: its first try deleted it' {
        $team = New-TestTeam -Emulator $emulator -MaxRetries 2 -RetryBaseDelaySeconds 0.01
        $product = New-AdsumoProduct -Name Doomed -Description d -Category c -ImageUrl https://example.com/p.png -Connection $team.Connection
        # A seed whose first draw is a fault and second is not: the first DELETE is processed, then its answer
        # is replaced by a 500 (timing after); the retry finds the product gone.
        $seed = 1..1000 | Where-Object { $r = [Random]::new($_); $r.NextDouble() -lt 0.5 -and $r.NextDouble() -ge 0.5 } | Select-Object -First 1
        Set-EmulatorFault -Emulator $emulator -Fault @{ error_rate = 0.5; seed = $seed; timing = 'after' }
        Clear-EmulatorRequest -Emulator $emulator
        $run = Invoke-Captured { Remove-AdsumoProduct -Id $product.Id -Force -Connection $team.Connection -Verbose }
        $run.Errors | Should -BeNullOrEmpty
        $run.Verbose -match 'not found after 2 attempts, so an earlier attempt deleted it' | Should -Not -BeNullOrEmpty
        $requests = @(Get-EmulatorRequest -Emulator $emulator)
        ($requests.status -join ',') | Should -Be '500,404'
        Clear-EmulatorFault -Emulator $emulator
        @(Get-AdsumoProduct -Connection $team.Connection).Count | Should -Be 0
    }
}

Describe 'Timeouts' {
    It 'abandons a request after RequestTimeoutSeconds' {
        $connection = Connect-Scenario -Server $server -Scenario slow -MaxRetries 0 -RequestTimeoutSeconds 1
        $run = Invoke-Captured { Get-AdsumoProduct -Id $productId -Connection $connection }
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'Adsumo.Timeout,Adsumo.Commands.GetAdsumoProductCommand'
        $run.Errors[0].Exception.Message | Should -Match 'no complete answer within 1\.0 s'
        $run.Errors[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $run.Seconds | Should -BeGreaterOrEqual 0.9
        $run.Seconds | Should -BeLessThan 5
    }

    It 'never lets one try run past RetryTimeoutSeconds' {
        $connection = Connect-Scenario -Server $server -Scenario slow -MaxRetries 5 -RequestTimeoutSeconds 100 -RetryTimeoutSeconds 2
        $run = Invoke-Captured { Get-AdsumoProduct -Id $productId -Connection $connection }
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'Adsumo.Timeout,Adsumo.Commands.GetAdsumoProductCommand'
        $run.Errors[0].Exception.Message | Should -Match 'within the 2\.0 s allowed for the request and its retries'
        $run.Seconds | Should -BeLessThan 5
    }

    It 'shows the defaults on the connection: 100 s per request, 5 retries, 300 s in all' {
        $team = Connect-Adsumo -ApiKey (New-TestKey) -BaseUri $emulator.BaseUri -PassThru
        $team.RequestTimeout | Should -Be ([timespan]::FromSeconds(100))
        $team.MaxRetries | Should -Be 5
        $team.RetryTimeout | Should -Be ([timespan]::FromSeconds(300))
    }

    It 'ends Wait-AdsumoGeneration at -TimeoutSeconds with Adsumo.WaitTimeout' {
        $team = New-TestTeam -Emulator $emulator
        $ids = (Add-EmulatorData -Emulator $emulator -Key $team.Key -Data @{ generations = @{ count = 1; status = 'processing'; seconds = -1 } }).generations
        $run = Invoke-Captured { Wait-AdsumoGeneration -Id $ids -TimeoutSeconds 1 -PollIntervalSeconds 0.2 -Connection $team.Connection }
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'Adsumo.WaitTimeout,Adsumo.Commands.WaitAdsumoGenerationCommand'
        $run.Errors[0].TargetObject | Should -Be $ids[0]
        $run.Seconds | Should -BeGreaterOrEqual 0.9
        $run.Seconds | Should -BeLessThan 6
    }

    It 'ends a creation''s -Wait at -TimeoutSeconds with Adsumo.WaitTimeout, keeping the generation' {
        $team = New-TestTeam -Emulator $emulator
        Set-EmulatorSetting -Emulator $emulator -Setting @{ generation_seconds = -1 }
        try {
            $run = Invoke-Captured { New-AdsumoImage -Prompt p -Model fast -AspectRatio 1:1 -Wait -TimeoutSeconds 1 -PollIntervalSeconds 0.2 -Connection $team.Connection }
        }
        finally {
            Set-EmulatorSetting -Emulator $emulator -Setting @{ generation_seconds = 3 }
        }
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'Adsumo.WaitTimeout,Adsumo.Commands.NewAdsumoImageCommand'
        $run.Errors[0].Exception.Message | Should -Match 'nothing was lost'
        $run.Seconds | Should -BeLessThan 6
        @(Get-AdsumoGeneration -Connection $team.Connection).Count | Should -Be 1
    }
}
