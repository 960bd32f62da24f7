# Work at volume under the emulator's injected faults (500s, 429s, reset connections, and for reads malformed
# bodies), seeded so that each run draws the same faults: nothing may be lost, nothing created twice, and every
# creation that did not happen must be reported. The figures (cases, faults seen in the emulator's log, retries,
# items lost) go to docs/reliability.md.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ReliabilitySupport.psm1') -Force
    Import-TestModule
    $script:emulator = Start-TestEmulator
    # The brief's mix for every request, and for reads also bodies cut off mid-value.
    $script:writeFaults = @{ error_rate = 0.2; rate_limit_rate = 0.1; reset_rate = 0.05; retry_after_seconds = 0 }
    $script:readFaults = $writeFaults + @{ malformed_rate = 0.05 }

    function Find-FaultSeed {
        <#
        The first seed whose first draws include every kind of fault asked for. The emulator draws one number per
        request from Random(seed), the same generator as here, so a run that makes at least that many requests
        (in one sequence) certainly meets each kind.
        #>
        param([hashtable] $Rates, [int] $Draws, [string[]] $Kinds)
        $order = @('error', 'rate_limit', 'reset', 'malformed')
        $rate = @{ error = $Rates.error_rate; rate_limit = $Rates.rate_limit_rate; reset = $Rates.reset_rate; malformed = [double]$Rates.malformed_rate }
        for ($seed = 1; $seed -lt 10000; $seed++) {
            $random = [Random]::new($seed)
            $seen = @{}
            for ($i = 0; $i -lt $Draws; $i++) {
                $draw = $random.NextDouble()
                $edge = 0.0
                foreach ($kind in $order) {
                    $edge += $rate[$kind]
                    if ($draw -lt $edge) { $seen[$kind] = $true; break }
                }
            }
            if (@($Kinds | Where-Object { -not $seen[$_] }).Count -eq 0) { return $seed }
        }
        throw 'No seed found.'
    }

    function Get-FaultCount {
        # The faults the emulator injected, by kind, from its request log.
        param($Requests)
        $counts = [ordered]@{ error = 0; rate_limit = 0; reset = 0; malformed = 0 }
        foreach ($request in $Requests) { if ($request.fault) { $counts[$request.fault]++ } }
        $counts
    }

    function Get-LostCount {
        # Generations the emulator holds that the run neither wrote nor reported as failed: work done and paid for
        # that the user was never told of. Counted from what the emulator holds, never assumed.
        param($Run, $Team)
        $created = @(Get-AdsumoGeneration -Connection $Team.Connection)
        if ($created.Count -eq 0) { return 0 }
        $reported = @($Run.Errors.TargetObject)
        @(Get-AdsumoGeneration -Id $created.Id -Connection $Team.Connection |
                Where-Object { $_.Id -notin @($Run.Output.Id) -and $_.Details.Prompt -notin $reported }).Count
    }

    function Save-Figure {
        param([string] $Name, $Requests, [int] $Cases, [int] $Retries, [int] $Lost, [hashtable] $Extra = @{})
        $faults = Get-FaultCount $Requests
        $figure = [ordered]@{
            cases    = $Cases
            requests = @($Requests).Count
            faults   = $faults
            faults_total = ($faults.Values | Measure-Object -Sum).Sum
            retries  = $Retries
            lost     = $Lost
        }
        foreach ($key in $Extra.Keys) { $figure[$key] = $Extra[$key] }
        Save-ReliabilityFigure -Section faults -Name $Name -Value $figure
    }
}

AfterAll {
    Disconnect-Adsumo
    if ($script:emulator) { Clear-EmulatorFault -Emulator $script:emulator; Stop-LoopbackServer $script:emulator }
}

Describe 'Under injected faults' {
    AfterEach { Clear-EmulatorFault -Emulator $emulator }

    It 'lists 2,000 products: exactly the 2,000 seeded ids, none lost, none twice' {
        $team = New-TestTeam -Emulator $emulator -MaxRetries 10 -RetryBaseDelaySeconds 0.01
        $seeded = (Add-EmulatorData -Emulator $emulator -Key $team.Key -Data @{ products = 2000 }).products
        $seed = Find-FaultSeed -Rates $readFaults -Draws 20 -Kinds error, rate_limit, reset, malformed
        Set-EmulatorFault -Emulator $emulator -Fault ($readFaults + @{ seed = $seed })
        Clear-EmulatorRequest -Emulator $emulator

        $run = Invoke-Captured { Get-AdsumoProduct -Connection $team.Connection -Verbose -ErrorAction Continue }

        $run.Errors | Should -BeNullOrEmpty
        $ids = @($run.Output.Id)
        $ids.Count | Should -Be 2000
        @($ids | Sort-Object -Unique).Count | Should -Be 2000
        $missing = @($seeded | Where-Object { $_ -notin $ids })
        $missing.Count | Should -Be 0
        $requests = @(Get-EmulatorRequest -Emulator $emulator)
        $faults = Get-FaultCount $requests
        # The faults really happened, of every kind, and each cost exactly one retry.
        foreach ($kind in 'error', 'rate_limit', 'reset', 'malformed') { $faults[$kind] | Should -BeGreaterThan 0 -Because "$kind faults were injected" }
        $retries = @($run.Verbose -match '^Retrying ').Count
        $retries | Should -Be ($requests.Count - 20)
        $retries | Should -Be (($faults.Values | Measure-Object -Sum).Sum)
        Save-Figure -Name 'list 2,000 products (20 pages)' -Requests $requests -Cases 2000 -Retries $retries -Lost $missing.Count
    }

    It 'creates 50 generations, each exactly once, when creations fail before the work (500s, 429s, resets)' {
        $team = New-TestTeam -Emulator $emulator -MaxRetries 10 -RetryBaseDelaySeconds 0.01 -MaxResends 10
        $seed = Find-FaultSeed -Rates $writeFaults -Draws 50 -Kinds error, rate_limit, reset
        # Faults on the creations only, so that every one counted below is a creation's.
        Set-EmulatorFault -Emulator $emulator -Fault ($writeFaults + @{ seed = $seed; timing = 'before'; methods = @('POST') })
        Clear-EmulatorRequest -Emulator $emulator

        # One pipeline of 50 (-ErrorAction Continue, as Pester runs tests with Stop, so a failure would show).
        $run = Invoke-Captured {
            1..50 | ForEach-Object { [pscustomobject]@{ Prompt = "Fault test $_" } } |
                New-AdsumoImage -Model fast -AspectRatio 1:1 -Connection $team.Connection -Verbose -ErrorAction Continue
        }
        $requests = @(Get-EmulatorRequest -Emulator $emulator)
        Clear-EmulatorFault -Emulator $emulator

        $created = @(Get-AdsumoGeneration -Connection $team.Connection)
        $succeeded = @($run.Output)
        $run.Errors | Should -BeNullOrEmpty
        $succeeded.Count | Should -Be 50
        # A fault before the work creates nothing: what the emulator holds is exactly what was written.
        (@($created.Id | Sort-Object) -join ',') | Should -Be (@($succeeded.Id | Sort-Object) -join ',')
        $faults = Get-FaultCount $requests
        $faults.error | Should -BeGreaterThan 0
        $faults.rate_limit | Should -BeGreaterThan 0
        $faults.reset | Should -BeGreaterThan 0
        # A 429 is retried at once; a 500 or a reset is looked for first, found never made, and only then sent again.
        $retries = @($run.Verbose -match '^Retrying ').Count
        $resends = @($run.Verbose -match 'never arrived; sending it again').Count
        $retries | Should -Be $faults.rate_limit
        $resends | Should -Be ($faults.error + $faults.reset)
        @($run.Verbose -match 'adopting it').Count | Should -Be 0
        @($requests | Where-Object method -EQ POST).Count | Should -Be (50 + $retries + $resends)
        $lost = Get-LostCount -Run $run -Team $team
        $lost | Should -Be 0
        Save-Figure -Name 'create 50 images (faults before processing)' -Requests @($requests | Where-Object method -EQ POST) -Cases 50 -Retries $retries -Lost $lost -Extra @{
            succeeded = $succeeded.Count; reported_failed = $run.Errors.Count; created_on_emulator = $created.Count; resent_after_reconciling = $resends
        }
    }

    It 'creates 50 generations with lost answers too: each exactly once, found rather than resent (500s and resets before or after)' {
        $team = New-TestTeam -Emulator $emulator -MaxRetries 10 -RetryBaseDelaySeconds 0.01 -MaxResends 10
        # No 429s here: the emulator can place one after the work, which no rate limiter does, and a creation is
        # sent again after a 429 because it certainly was not made. 500s and resets after the work are lost answers.
        $lostAnswerFaults = @{ error_rate = 0.2; reset_rate = 0.05 }
        Set-EmulatorFault -Emulator $emulator -Fault ($lostAnswerFaults + @{ seed = 51; timing = 'mixed'; methods = @('POST') })
        Clear-EmulatorRequest -Emulator $emulator

        $run = Invoke-Captured {
            1..50 | ForEach-Object { [pscustomobject]@{ Prompt = "Mixed fault test $_" } } |
                New-AdsumoImage -Model fast -AspectRatio 1:1 -Connection $team.Connection -Verbose -ErrorAction Continue
        }
        $requests = @(Get-EmulatorRequest -Emulator $emulator)
        Clear-EmulatorFault -Emulator $emulator

        $created = @(Get-AdsumoGeneration -Connection $team.Connection)
        $succeeded = @($run.Output)
        $run.Errors | Should -BeNullOrEmpty
        $succeeded.Count | Should -Be 50
        (@($created.Id | Sort-Object) -join ',') | Should -Be (@($succeeded.Id | Sort-Object) -join ',')
        # Each prompt was created exactly once. (The list leaves out details; each generation read by id has its prompt.)
        $prompts = @(Get-AdsumoGeneration -Id $created.Id -Connection $team.Connection | ForEach-Object { $_.Details.Prompt })
        @($prompts | Sort-Object -Unique).Count | Should -Be 50
        # Every lost answer was settled: the generation it made was found and adopted, or none was and it was resent.
        $faults = Get-FaultCount $requests
        $adopted = @($run.Verbose -match 'adopting it').Count
        $resends = @($run.Verbose -match 'never arrived; sending it again').Count
        $adopted | Should -BeGreaterThan 0
        $resends | Should -BeGreaterThan 0
        ($adopted + $resends) | Should -Be ($faults.error + $faults.reset)
        @($requests | Where-Object method -EQ POST).Count | Should -Be (50 + $resends)
        $lost = Get-LostCount -Run $run -Team $team
        $lost | Should -Be 0
        Save-Figure -Name 'create 50 images (500s and resets before or after processing)' -Requests @($requests | Where-Object method -EQ POST) -Cases 50 -Retries 0 -Lost $lost -Extra @{
            succeeded = $succeeded.Count; reported_failed = $run.Errors.Count; created_on_emulator = $created.Count; adopted = $adopted; resent_after_reconciling = $resends
        }
    }

    It 'waits on 100 generations: every one is written as completed' {
        $team = New-TestTeam -Emulator $emulator -MaxRetries 10 -RetryBaseDelaySeconds 0.01
        $ids = (Add-EmulatorData -Emulator $emulator -Key $team.Key -Data @{ generations = @{ count = 100; status = 'processing'; seconds = 1 } }).generations
        Set-EmulatorFault -Emulator $emulator -Fault ($readFaults + @{ seed = 100 })
        Clear-EmulatorRequest -Emulator $emulator

        $run = Invoke-Captured { $ids | Wait-AdsumoGeneration -PollIntervalSeconds 0.2 -TimeoutSeconds 120 -Connection $team.Connection -Verbose -ErrorAction Continue }
        $requests = @(Get-EmulatorRequest -Emulator $emulator)

        $run.Errors | Should -BeNullOrEmpty
        $run.Output.Count | Should -Be 100
        @($run.Output | Where-Object Status -EQ 'completed').Count | Should -Be 100
        $missing = @($ids | Where-Object { $_ -notin $run.Output.Id })
        $missing.Count | Should -Be 0
        $faults = Get-FaultCount $requests
        ($faults.Values | Measure-Object -Sum).Sum | Should -BeGreaterThan 0
        $retries = @($run.Verbose -match '^Retrying ').Count
        $retries | Should -BeGreaterThan 0
        Save-Figure -Name 'wait on 100 generations' -Requests $requests -Cases 100 -Retries $retries -Lost $missing.Count -Extra @{ seconds = [math]::Round($run.Seconds, 1) }
    }
}
