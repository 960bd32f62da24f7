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

    It 'creates 50 generations: each either created once or reported (faults before processing)' {
        $team = New-TestTeam -Emulator $emulator -MaxRetries 10 -RetryBaseDelaySeconds 0.01
        $seed = Find-FaultSeed -Rates $writeFaults -Draws 50 -Kinds error, rate_limit, reset
        Set-EmulatorFault -Emulator $emulator -Fault ($writeFaults + @{ seed = $seed; timing = 'before' })
        Clear-EmulatorRequest -Emulator $emulator

        # One pipeline of 50: a failed item is a non-terminating error and the others go on (-ErrorAction
        # Continue, as Pester runs tests with Stop).
        $run = Invoke-Captured {
            1..50 | ForEach-Object { [pscustomobject]@{ Prompt = "Fault test $_" } } |
                New-AdsumoImage -Model fast -AspectRatio 1:1 -Connection $team.Connection -Verbose -ErrorAction Continue
        }
        $requests = @(Get-EmulatorRequest -Emulator $emulator)
        Clear-EmulatorFault -Emulator $emulator

        $created = @(Get-AdsumoGeneration -Connection $team.Connection)
        $succeeded = @($run.Output)
        ($succeeded.Count + $run.Errors.Count) | Should -Be 50
        $run.Errors | ForEach-Object { $_.FullyQualifiedErrorId } | Should -BeIn @('Adsumo.ServerError,Adsumo.Commands.NewAdsumoImageCommand', 'Adsumo.NetworkError,Adsumo.Commands.NewAdsumoImageCommand')
        # Every failure is about one prompt (its target), and they are all different prompts.
        @($run.Errors.TargetObject | Sort-Object -Unique).Count | Should -Be $run.Errors.Count
        # A fault before processing creates nothing, so what the emulator holds is exactly what succeeded.
        $created.Count | Should -Be $succeeded.Count
        (@($created.Id | Sort-Object) -join ',') | Should -Be (@($succeeded.Id | Sort-Object) -join ',')
        $faults = Get-FaultCount $requests
        $faults.error | Should -BeGreaterThan 0
        $faults.rate_limit | Should -BeGreaterThan 0
        $faults.reset | Should -BeGreaterThan 0
        # Only the 429s were sent again; a 500 or a reset of a creation is reported instead.
        $retries = @($run.Verbose -match '^Retrying ').Count
        $retries | Should -Be $faults.rate_limit
        $run.Errors.Count | Should -Be ($faults.error + $faults.reset)
        $lost = Get-LostCount -Run $run -Team $team
        $lost | Should -Be 0
        Save-Figure -Name 'create 50 images (faults before processing)' -Requests $requests -Cases 50 -Retries $retries -Lost $lost -Extra @{
            succeeded = $succeeded.Count; reported_failed = $run.Errors.Count; created_on_emulator = $created.Count
        }
    }

    It 'creates 50 generations with lost answers too: nothing twice, every success real (500s and resets before or after)' {
        $team = New-TestTeam -Emulator $emulator -MaxRetries 10 -RetryBaseDelaySeconds 0.01
        # No 429s here: a 429 means the request was refused before any work, which is why a creation is sent
        # again after one; the emulator can place it after the work (timing after), which no rate limiter does,
        # and the resent creation would then be made twice. 500s and resets after the work are real lost answers.
        $lostAnswerFaults = @{ error_rate = 0.2; reset_rate = 0.05 }
        Set-EmulatorFault -Emulator $emulator -Fault ($lostAnswerFaults + @{ seed = 51; timing = 'mixed' })
        Clear-EmulatorRequest -Emulator $emulator

        $run = Invoke-Captured {
            1..50 | ForEach-Object { [pscustomobject]@{ Prompt = "Mixed fault test $_" } } |
                New-AdsumoImage -Model fast -AspectRatio 1:1 -Connection $team.Connection -Verbose -ErrorAction Continue
        }
        $requests = @(Get-EmulatorRequest -Emulator $emulator)
        Clear-EmulatorFault -Emulator $emulator

        $created = @(Get-AdsumoGeneration -Connection $team.Connection)
        $succeeded = @($run.Output)
        ($succeeded.Count + $run.Errors.Count) | Should -Be 50
        $created.Count | Should -BeLessOrEqual 50
        foreach ($generation in $succeeded) { $generation.Id | Should -BeIn $created.Id }
        # Each prompt was created at most once: a creation is never resent after it may have arrived.
        # (The list leaves out details; each generation read by id has its prompt.)
        $prompts = @(Get-AdsumoGeneration -Id $created.Id -Connection $team.Connection | ForEach-Object { $_.Details.Prompt })
        $prompts.Count | Should -Be $created.Count
        @($prompts | Sort-Object -Unique).Count | Should -Be $created.Count
        # Created but reported as failed: answers lost after processing. The rest of the failures created nothing.
        $lostAnswers = $created.Count - $succeeded.Count
        $lostAnswers | Should -BeLessOrEqual $run.Errors.Count
        $lost = Get-LostCount -Run $run -Team $team
        $lost | Should -Be 0
        $retries = @($run.Verbose -match '^Retrying ').Count
        # Nothing was sent again: no fault of this run allows it.
        $retries | Should -Be 0
        $requests.Count | Should -Be 50
        Save-Figure -Name 'create 50 images (500s and resets before or after processing)' -Requests $requests -Cases 50 -Retries $retries -Lost $lost -Extra @{
            succeeded = $succeeded.Count; reported_failed = $run.Errors.Count; created_on_emulator = $created.Count; created_but_reported_failed = $lostAnswers
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
