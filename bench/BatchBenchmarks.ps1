# The batch benchmarks (-Only batch): 1,000 creations sent side by side against the same sent one at a time, the
# journal's cost against the same run without it (both at 0 and at 50 ms of injected latency), and the 1,000-row kill
# run for several fault seeds. Rows go to the table through Add-BenchResult; the details, kill runs included, to
# out/bench/batch-figures.json, and into docs/batches.md (Update-MeasuredFigures).

function Invoke-BatchBenchmark {
    param(
        [Parameter(Mandatory)] [string] $Root,
        [Parameter(Mandatory)] [string] $EmulatorDll,
        [int] $Submissions = 1000,
        [int] $KillRows = 1000,
        [int[]] $KillSeeds = @(31, 32, 33)
    )
    Import-Module (Join-Path $Root 'tools/KillRun.psm1') -Force
    $modulePath = Join-Path $Root 'out/Adsumo/Adsumo.psd1'
    $figures = [ordered]@{}
    # An emulator of its own: the kill run changes its settings.
    $emulator = Start-LoopbackServer -ServerDll $EmulatorDll -Arguments @('--credits', '1000000000', '--generation-seconds', '60')
    $work = Join-Path ([IO.Path]::GetTempPath()) "adsumo-bench-batch-$([guid]::NewGuid().ToString('N'))"
    $null = New-Item -ItemType Directory $work
    try {
        $connection = Connect-Adsumo -ApiKey (New-BenchKey) -BaseUri $emulator.BaseUri -PassThru
        $throttle = [Adsumo.Infrastructure.BatchCreationCmdlet]::DefaultThrottleLimit
        $state = @{ Run = 0 }
        function Measure-Submissions([int] $ThrottleLimit, [bool] $Journaled) {
            $state.Run++
            $inputs = 1..$Submissions | ForEach-Object { [pscustomobject]@{ Prompt = "Bench $($state.Run) row $_" } }
            $journal = @{}
            if ($Journaled) { $journal.Journal = Join-Path $work "bench-$($state.Run).jsonl" }
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $made = @($inputs | New-AdsumoImage -Model fast -AspectRatio 1:1 -ThrottleLimit $ThrottleLimit -Connection $connection @journal)
            $watch.Stop()
            if ($made.Count -ne $Submissions) { throw "Only $($made.Count) of $Submissions submissions were written." }
            $watch.Elapsed.TotalMilliseconds
        }

        # The device's own latency for a small append and fsync: what a journaled submission sent alone waits for.
        $probe = [IO.FileStream]::new((Join-Path $work 'fsync.probe'), 'Create', 'ReadWrite', 'None')
        $line = [byte[]]::new(400)
        $watch = [Diagnostics.Stopwatch]::StartNew()
        foreach ($i in 1..200) { $probe.Write($line, 0, $line.Length); $probe.Flush($true) }
        $figures['fsync_ms'] = [math]::Round($watch.Elapsed.TotalMilliseconds / 200, 2)
        $probe.Dispose()

        foreach ($latency in 0, 50) {
            Set-Latency -Emulator $emulator -Milliseconds $latency
            # A small run first warms the connection pool and the JIT.
            $null = 1..20 | ForEach-Object { [pscustomobject]@{ Prompt = "Warm-up $_" } } | New-AdsumoImage -Model fast -AspectRatio 1:1 -Connection $connection
            # One round each (1,000 serial creations at 50 ms take a minute), alternated.
            $serial = Measure-Submissions -ThrottleLimit 1 -Journaled $false
            $throttled = Measure-Submissions -ThrottleLimit $throttle -Journaled $false
            $serialJournal = Measure-Submissions -ThrottleLimit 1 -Journaled $true
            $throttledJournal = Measure-Submissions -ThrottleLimit $throttle -Journaled $true
            $figures["$latency ms"] = [ordered]@{
                submissions = $Submissions; throttle = $throttle; serial_ms = [math]::Round($serial); throttled_ms = [math]::Round($throttled)
                serial_journal_ms = [math]::Round($serialJournal); throttled_journal_ms = [math]::Round($throttledJournal)
            }
            Add-BenchResult -Benchmark "$Submissions creations at $latency ms, -ThrottleLimit $throttle (the default)" -Value $throttled -Unit 'ms' `
                -Baseline 'serial (-ThrottleLimit 1)' -BaselineValue $serial -Goal $(if ($latency -eq 50) { 0.34 } else { 1 })
            Add-BenchResult -Benchmark "$Submissions creations at $latency ms with -Journal, -ThrottleLimit $throttle" -Value $throttledJournal -Unit 'ms' `
                -Baseline 'without the journal' -BaselineValue $throttled -Goal $(if ($latency -eq 50) { 1.1 } else { [double]::NaN })
            Add-BenchResult -Benchmark "Journal cost per creation at $latency ms, -ThrottleLimit $throttle" -Value (($throttledJournal - $throttled) / $Submissions) -Unit 'ms' -Goal 5
            # Alone, every creation waits for its own fsync: the device's latency, shown for reference.
            Add-BenchResult -Benchmark "Journal cost per creation at $latency ms, sent one at a time (fsync alone: $($figures['fsync_ms']) ms)" `
                -Value (($serialJournal - $serial) / $Submissions) -Unit 'ms'
        }
        Set-Latency -Emulator $emulator -Milliseconds 0

        foreach ($seed in $KillSeeds) {
            $result = Invoke-KillRun -Emulator $emulator -ModulePath $modulePath -Rows $KillRows -Kills 3 -Seed $seed -ResultBytes 2048 -TimeoutSeconds 1800
            $figures["kill run, $KillRows rows, seed $seed"] = [ordered]@{
                rows = $result.Rows; kills = $result.Kills; killed_at = @($result.Runs | Where-Object Killed | ForEach-Object At); seconds = $result.Seconds
                requests = $result.Requests; faults = $result.Faults; generations = $result.Generations; lost = $result.Lost; duplicated = $result.Duplicated
                credits_used = $result.CreditsUsed; credits_expected = $result.CreditsExpected; files_saved = $result.FilesSaved; files_whole = $result.FilesWhole
                temporary_files = $result.TemporaryFiles; in_doubt_at_restart = $result.InDoubtAtRestart; in_doubt_found = $result.InDoubtFound
                in_doubt_resent = $result.InDoubtResent; journal_saved = @(Get-AdsumoJournal -Path $result.Journal -State Saved).Count
            }
            $name = "Kill run, $KillRows rows, $($result.Kills) kills, fault seed $seed"
            Add-BenchResult -Benchmark "${name}: rows lost or made twice" -Value ($result.Lost + $result.Duplicated) -Unit 'rows' -Goal 0
            Add-BenchResult -Benchmark "${name}: credits used beyond the rows' prices" -Value ($result.CreditsUsed - $result.CreditsExpected) -Unit 'credits' -Goal 0
            Add-BenchResult -Benchmark "${name}: files saved whole, none left partial" -Value $result.FilesWhole -Unit 'files' -GoalText ">= $KillRows, 0 partial" `
                -Met ($result.FilesWhole -ge $KillRows -and $result.TemporaryFiles -eq 0)
            Add-BenchResult -Benchmark "${name}: time to the end" -Value $result.Seconds -Unit 's'
            Remove-Item $result.Work -Recurse -Force -ErrorAction SilentlyContinue
        }
    }
    finally {
        Stop-LoopbackServer $emulator
        Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
    }
    $folder = Join-Path $Root 'out/bench'
    $null = New-Item -ItemType Directory -Force $folder
    $file = Join-Path $folder 'batch-figures.json'
    @{ bench = $figures } | ConvertTo-Json -Depth 10 | Set-Content $file
    # docs/batches.md quotes these figures; the run writes them there itself.
    Import-Module (Join-Path $Root 'tools/Build.psm1') -Force
    Update-MeasuredFigures -Figures $file -Documents (Join-Path $Root 'docs/batches.md')
}
