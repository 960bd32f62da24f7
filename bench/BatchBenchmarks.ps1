# The batch benchmarks, kept apart so that they can move as a unit: Invoke-BatchBenchmarks measures concurrent
# submission against serial, the journal's cost per submission (both at 0 and at 50 ms of injected latency), and the
# 1,000-row kill run for several fault seeds, and returns result rows (Benchmark, Value, Unit, Target, Met) for the
# bench's table. Its detailed figures also go to out/bench/batch-figures.json, which docs/batches.md quotes.

function Invoke-BatchBenchmarks {
    param(
        [Parameter(Mandatory)] [string] $Root,
        [int] $Submissions = 1000,
        [int] $KillRows = 1000,
        [int[]] $KillSeeds = @(31, 32, 33)
    )
    Import-Module (Join-Path $Root 'tools/Processes.psm1'), (Join-Path $Root 'tools/KillRun.psm1') -Force
    $modulePath = Join-Path $Root 'out/Adsumo/Adsumo.psd1'
    Import-Module $modulePath
    $rows = [System.Collections.Generic.List[object]]::new()
    $figures = [ordered]@{}
    # A row without a target is a reference for the others (the serial time the throttled one is held to).
    function Add-Row([string] $Name, [double] $Value, [string] $Unit, $Target, [string] $Comparison = 'max') {
        if ($null -eq $Target) {
            $rows.Add([pscustomobject]@{ Benchmark = $Name; Value = [math]::Round($Value, 2); Unit = $Unit; Target = 'reference'; Met = $true })
            return
        }
        $met = if ($Comparison -eq 'max') { $Value -le $Target } else { $Value -ge $Target }
        $rows.Add([pscustomobject]@{ Benchmark = $Name; Value = [math]::Round($Value, 2); Unit = $Unit; Target = "$(if ($Comparison -eq 'max') { '<=' } else { '>=' }) $Target"; Met = $met })
    }

    $emulator = Start-Emulator -EmulatorDll (Join-Path $Root 'out/emulator/Adsumo.Emulator.dll') -Arguments @('--credits', '1000000000', '--generation-seconds', '60')
    try {
        $key = 'adsumo_sk_bench_batch_' + [guid]::NewGuid().ToString('N')
        $connection = Connect-Adsumo -ApiKey $key -BaseUri $emulator.BaseUri -PassThru
        $work = Join-Path ([IO.Path]::GetTempPath()) "adsumo-bench-batch-$([guid]::NewGuid().ToString('N'))"
        $null = New-Item -ItemType Directory $work
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
            $watch.Elapsed.TotalSeconds
        }
        $throttle = [Adsumo.Infrastructure.BatchCreationCmdlet]::DefaultThrottleLimit
        # The device's own latency for a small append and fsync, which a serial journaled submission waits for.
        $probe = [IO.FileStream]::new((Join-Path $work 'fsync.probe'), 'Create', 'ReadWrite', 'None')
        $line = [byte[]]::new(400)
        $watch = [Diagnostics.Stopwatch]::StartNew()
        foreach ($i in 1..200) { $probe.Write($line, 0, $line.Length); $probe.Flush($true) }
        $fsync = $watch.Elapsed.TotalMilliseconds / 200
        $probe.Dispose()
        $figures['fsync_ms'] = [math]::Round($fsync, 2)
        Add-Row 'Append and fsync of 400 bytes on the bench machine' $fsync 'ms' $null
        foreach ($latency in 0, 50) {
            $null = Invoke-RestMethod -Method Put "$($emulator.Root)/_emulator/faults" -ContentType 'application/json' -Body (@{ latency_ms = $latency } | ConvertTo-Json)
            # A first small run warms the connection pool and the JIT, so neither counts against the first measurement.
            $null = 1..20 | ForEach-Object { [pscustomobject]@{ Prompt = "Warm-up $_" } } | New-AdsumoImage -Model fast -AspectRatio 1:1 -Connection $connection
            $serial = Measure-Submissions -ThrottleLimit 1 -Journaled $false
            $serialJournal = Measure-Submissions -ThrottleLimit 1 -Journaled $true
            $parallel = Measure-Submissions -ThrottleLimit $throttle -Journaled $false
            $parallelJournal = Measure-Submissions -ThrottleLimit $throttle -Journaled $true
            $figures["$latency ms"] = [ordered]@{
                submissions = $Submissions; throttle = $throttle
                serial_seconds = [math]::Round($serial, 2); serial_journal_seconds = [math]::Round($serialJournal, 2)
                throttled_seconds = [math]::Round($parallel, 2); throttled_journal_seconds = [math]::Round($parallelJournal, 2)
            }
            Add-Row "$Submissions submissions, serial (-ThrottleLimit 1), $latency ms latency" $serial 's' $null
            if ($latency -eq 50) {
                Add-Row "$Submissions submissions, default throttle ($throttle), $latency ms latency" $parallel 's' ([math]::Round($serial / 3, 2))
            }
            else {
                Add-Row "$Submissions submissions, default throttle ($throttle), $latency ms latency" $parallel 's' ([math]::Round($serial, 2))
            }
            # One at a time, every submission waits for its own fsync (the device's latency, whatever the module does):
            # shown for reference. Side by side, as batches run by default, intents share their fsyncs.
            Add-Row "Journal cost per submission, serial, $latency ms latency" ((($serialJournal - $serial) * 1000) / $Submissions) 'ms' $null
            Add-Row "Journal cost per submission, default throttle, $latency ms latency" ((($parallelJournal - $parallel) * 1000) / $Submissions) 'ms' 5
            if ($latency -eq 50) {
                Add-Row "Journal share of the run, serial, $latency ms latency" (100 * ($serialJournal - $serial) / $serialJournal) '%' $null
                Add-Row "Journal share of the run, default throttle, $latency ms latency" (100 * ($parallelJournal - $parallel) / $parallelJournal) '%' 10
            }
        }
        $null = Invoke-RestMethod -Method Delete "$($emulator.Root)/_emulator/faults"
        Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue

        foreach ($seed in $KillSeeds) {
            $result = Invoke-KillRun -Emulator $emulator -ModulePath $modulePath -Rows $KillRows -Kills 3 -Seed $seed -ResultBytes 2048 -TimeoutSeconds 1800
            $figures["kill run, $KillRows rows, seed $seed"] = [ordered]@{
                rows = $result.Rows; kills = $result.Kills; killed_at = @($result.Runs | Where-Object Killed | ForEach-Object At); seconds = $result.Seconds
                requests = $result.Requests; faults = $result.Faults; generations = $result.Generations; lost = $result.Lost; duplicated = $result.Duplicated
                credits_used = $result.CreditsUsed; credits_expected = $result.CreditsExpected; files_saved = $result.FilesSaved; files_whole = $result.FilesWhole
                temporary_files = $result.TemporaryFiles; in_doubt_at_restart = $result.InDoubtAtRestart; in_doubt_found = $result.InDoubtFound
                in_doubt_resent = $result.InDoubtResent; journal_saved = @(Get-AdsumoJournal -Path $result.Journal -State Saved).Count
            }
            $name = "Kill run, $KillRows rows, 3 kills, seed $seed"
            Add-Row "${name}: rows lost" $result.Lost 'rows' 0
            Add-Row "${name}: rows made twice" $result.Duplicated 'rows' 0
            Add-Row "${name}: credits over the rows' prices" ($result.CreditsUsed - $result.CreditsExpected) 'credits' 0
            Add-Row "${name}: files saved whole" $result.FilesWhole 'files' $KillRows 'min'
            Add-Row "${name}: time" $result.Seconds 's' 1800
            Remove-Item $result.Work -Recurse -Force -ErrorAction SilentlyContinue
        }
    }
    finally {
        Stop-Emulator $emulator
    }
    $folder = Join-Path $Root 'out/bench'
    $null = New-Item -ItemType Directory -Force $folder
    $figures | ConvertTo-Json -Depth 10 | Set-Content (Join-Path $folder 'batch-figures.json')
    $rows
}
