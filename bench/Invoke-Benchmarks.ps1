<#
.SYNOPSIS
    Measures the module side by side with what a user would otherwise write, on the emulator, and writes the table to
    out/bench/results.md and docs/performance.md.
.DESCRIPTION
    Run through `dotnet pwsh -NoProfile -File build.ps1 -Task Bench`. Every figure is measured in the same run as its
    baseline, in alternated rounds (medians), at 0 ms and at 50 ms of latency injected by the emulator. The goals are
    on the ratios; the script prints every figure and exits 1 when a goal is missed.
    -Only runs the benchmarks whose names match a wildcard (listing, memory, waiting, start, save, batch).
#>
param(
    [Parameter(Mandatory)] [string] $Root,
    [int] $Rounds = 5,
    [string] $Only = '*'
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'BenchSupport.psm1') -Force
$modulePath = Join-Path $Root 'out/Adsumo/Adsumo.psd1'
$emulatorDll = Join-Path $Root 'out/emulator/Adsumo.Emulator.dll'
$outFolder = Join-Path $Root 'out/bench'
$null = New-Item -ItemType Directory -Force $outFolder

function Invoke-StartBenchmark {
    # Import and a cold first call in fresh shells, against the smallest binary module with one format view: what
    # PowerShell itself costs to load a binary module and its format data.
    param($Emulator)
    $trivialOut = Join-Path $outFolder 'trivial'
    & dotnet build (Join-Path $PSScriptRoot 'Trivial/Trivial.csproj') -c Release -o $trivialOut --nologo -v quiet
    if ($LASTEXITCODE -ne 0) { throw 'The trivial module did not build.' }
    Copy-Item (Join-Path $PSScriptRoot 'Trivial/Trivial.psd1'), (Join-Path $PSScriptRoot 'Trivial/Trivial.Format.ps1xml') $trivialOut
    $trivial = Join-Path $trivialOut 'Trivial.psd1'
    $key = New-BenchKey
    Add-BenchData -Emulator $Emulator -Key $key -Products 100
    $samples = @{ trivialImport = @(); trivialShown = @(); import = @(); first = @(); shown = @() }
    foreach ($round in 0..$Rounds) {
        $trivialTimes = @(Invoke-ChildScript @"
`$w = [Diagnostics.Stopwatch]::StartNew()
Import-Module '$trivial'
`$w.Elapsed.TotalMilliseconds
`$null = Get-TrivialItem | Out-String
`$w.Elapsed.TotalMilliseconds
"@)
        $import = [double](Invoke-ChildScript "`$w = [Diagnostics.Stopwatch]::StartNew(); Import-Module '$modulePath'; `$w.Elapsed.TotalMilliseconds")
        $firstTimes = @(Invoke-ChildScript @"
`$w = [Diagnostics.Stopwatch]::StartNew()
Import-Module '$modulePath'
Connect-Adsumo -ApiKey $key -BaseUri '$($Emulator.BaseUri)'
`$product = Get-AdsumoProduct -First 1
`$w.Elapsed.TotalMilliseconds
`$null = `$product | Out-String
`$w.Elapsed.TotalMilliseconds
"@)
        # The first round of each kind warms the disk cache; it is not counted.
        if ($round -gt 0) {
            $samples.trivialImport += [double]$trivialTimes[0]; $samples.trivialShown += [double]$trivialTimes[1]; $samples.import += $import
            $samples.first += [double]$firstTimes[0]; $samples.shown += [double]$firstTimes[1]
        }
    }
    $trivialImport = Get-Median $samples.trivialImport
    Add-BenchResult -Benchmark 'Import-Module in a fresh pwsh' -Value (Get-Median $samples.import) -Unit 'ms' `
        -Baseline 'importing a one-cmdlet binary module with one view' -BaselineValue $trivialImport -Goal 1.5
    $first = Get-Median $samples.first
    Add-BenchResult -Benchmark 'Cold first call (import, connect, list one product)' -Value $first -Unit 'ms' `
        -Baseline 'importing the one-cmdlet module' -BaselineValue $trivialImport -GoalText '<= the import + 200 ms' `
        -Met (($first - $trivialImport) -le 200)
    # Shown at the console, the first call also pays for PowerShell's first formatting (the product view's script
    # blocks compile then); so does the one-cmdlet module's first call, whose view has none.
    Add-BenchResult -Benchmark 'The same first call, formatted with Out-String' -Value (Get-Median $samples.shown) -Unit 'ms' `
        -Baseline 'the one-cmdlet module imported, called and formatted' -BaselineValue (Get-Median $samples.trivialShown)
}

function Invoke-ListingBenchmark {
    # 10,000 products: the module, the same loop in plain C# (HttpClient + System.Text.Json into classes) and the
    # Invoke-RestMethod offset loop users write today, in turns, at 0 ms and at 50 ms of latency.
    param($Emulator)
    $key = New-BenchKey
    Add-BenchData -Emulator $Emulator -Key $key -Products 10000
    Add-Type -Path (Join-Path $PSScriptRoot 'Baselines/PlainClient.cs') -ReferencedAssemblies System.Text.Json, System.Net.Http, System.Net.Primitives, System.Collections, System.Runtime, System.Text.Encodings.Web, System.Memory
    [AdsumoBench.PlainClient]::Connect($key)
    $connection = Connect-Adsumo -ApiKey $key -BaseUri $Emulator.BaseUri -PassThru
    $baseUri = $Emulator.BaseUri
    $headers = @{ Authorization = "Bearer $key" }
    $contenders = [ordered]@{
        # Each contender ends with the products in memory and counts them: piping them to Measure-Object instead
        # would add PowerShell's own per-object cost of a second cmdlet, which neither baseline pays.
        module = { $script:listed = @(Get-AdsumoProduct -Connection $connection).Count }
        csharp = { $script:plain = [AdsumoBench.PlainClient]::ListProducts($baseUri).Count }
        irm    = {
            $offset = 0
            $all = [System.Collections.Generic.List[object]]::new()
            do {
                $page = Invoke-RestMethod -Uri "$baseUri/products?limit=100&offset=$offset" -Headers $headers
                $all.AddRange(@($page.data))
                $offset += @($page.data).Count
            } while (@($page.data).Count -gt 0 -and $offset -lt $page.pagination.total)
            $script:looped = $all.Count
        }
    }
    foreach ($latency in 0, 50) {
        Set-Latency -Emulator $Emulator -Milliseconds $latency
        $rounds = if ($latency -eq 0) { $Rounds } else { [math]::Max(3, [math]::Floor($Rounds / 2)) }
        $medians = Measure-SideBySide -Contenders $contenders -Rounds $rounds
        if ($script:listed -ne 10000 -or $script:plain -ne 10000 -or $script:looped -ne 10000) {
            throw "A listing did not return 10,000 products (module $script:listed, C# $script:plain, Invoke-RestMethod $script:looped)."
        }
        Add-BenchResult -Benchmark "List 10,000 products at $latency ms" -Value $medians.module -Unit 'ms' `
            -Baseline 'plain C# loop' -BaselineValue $medians.csharp -Goal $(if ($latency -eq 0) { 1.3 } else { 0.3 })
        Add-BenchResult -Benchmark "List 10,000 products at $latency ms, against Invoke-RestMethod" -Value $medians.module -Unit 'ms' `
            -Baseline 'Invoke-RestMethod offset loop' -BaselineValue $medians.irm
    }
    Set-Latency -Emulator $Emulator -Milliseconds 0
}

function Invoke-WaitingBenchmark {
    # 500 generations that end over 2-6 s, waited on with a 1 s poll interval: by listing (the default, Auto) and by
    # polling each by id (-PollBy Id), in turns. The emulator counts the requests; the lag of a generation is from its
    # end (its CompletedAt) to the moment the wait wrote it. Then the same wait under --rate-limit 60.
    param($Emulator)
    $key = New-BenchKey
    $connection = Connect-Adsumo -ApiKey $key -BaseUri $Emulator.BaseUri -PassThru
    $figures = @{ Auto = @{ requests = @(); lag = @(); last = @() }; Id = @{ requests = @(); lag = @(); last = @() } }
    $waitRounds = [math]::Max(1, [math]::Floor($Rounds / 2))
    foreach ($round in 1..$waitRounds) {
        foreach ($mode in 'Auto', 'Id') {
            $measured = Measure-Wait -Emulator $Emulator -Key $key -Connection $connection -PollBy $mode
            $figures[$mode].requests += $measured.Requests
            $figures[$mode].lag += $measured.MaxLag
            $figures[$mode].last += $measured.LastLag
        }
    }
    $listed = Get-Median $figures.Auto.requests
    $polled = Get-Median $figures.Id.requests
    Add-BenchResult -Benchmark 'Wait on 500 generations ending over 2-6 s, 1 s interval: requests' -Value $listed -Unit 'requests' `
        -Baseline 'polling each by id' -BaselineValue $polled -GoalText '<= a third' -Met ($listed * 3 -le $polled)
    $lag = Get-Median $figures.Auto.lag
    Add-BenchResult -Benchmark 'Wait on 500 generations: longest time from an end to its object written' -Value $lag -Unit 's' `
        -Baseline 'polling each by id' -BaselineValue (Get-Median $figures.Id.lag) -GoalText '<= 1 s (the poll interval)' -Met ($lag -le 1.0)
    Add-BenchResult -Benchmark 'Wait on 500 generations: last end to last object written' -Value (Get-Median $figures.Auto.last) -Unit 's' `
        -Baseline 'polling each by id' -BaselineValue (Get-Median $figures.Id.last)

    # A service that allows 60 requests a minute: the wait honours Retry-After for the whole connection and ends
    # with every generation written and no error.
    $limitedKey = New-BenchKey
    $limited = Connect-Adsumo -ApiKey $limitedKey -BaseUri $Emulator.BaseUri -PassThru
    $null = Invoke-EmulatorControl -Emulator $Emulator -Method PUT -Path settings -Body @{ rate_limit = 60 }
    try {
        $measured = Measure-Wait -Emulator $Emulator -Key $limitedKey -Connection $limited -PollBy Auto
    }
    finally {
        $null = Invoke-EmulatorControl -Emulator $Emulator -Method PUT -Path settings -Body @{ rate_limit = 0 }
    }
    Add-BenchResult -Benchmark "Wait on 500 generations under --rate-limit 60 ($([math]::Round($measured.Seconds)) s, $($measured.Requests) requests): errors" `
        -Value $measured.Errors -Unit 'errors' -Goal 0
}

function Measure-Wait {
    # Seeds 500 generations ending 2, 3, 4, 5 and 6 s from now (100 each) and waits on them.
    param($Emulator, [string] $Key, $Connection, [string] $PollBy)
    $ids = foreach ($seconds in 2..6) {
        (Invoke-EmulatorControl -Emulator $Emulator -Method POST -Path seed -Key $Key -Body @{ generations = @{ count = 100; status = 'processing'; seconds = $seconds } }).generations
    }
    $null = Invoke-EmulatorControl -Emulator $Emulator -Method DELETE -Path requests
    $written = [System.Collections.Generic.List[object]]::new()
    $errors = $null
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $ids | Wait-AdsumoGeneration -PollIntervalSeconds 1 -PollBy $PollBy -Connection $Connection -ErrorAction SilentlyContinue -ErrorVariable errors |
        ForEach-Object { $written.Add([pscustomobject]@{ At = [DateTimeOffset]::UtcNow; Generation = $_ }) }
    $seconds = $watch.Elapsed.TotalSeconds
    if ($written.Count + @($errors).Count -ne 500) { throw "The wait by $PollBy wrote $($written.Count) generations and $(@($errors).Count) errors, not 500." }
    $lags = @($written | ForEach-Object { ($_.At - $_.Generation.CompletedAt).TotalSeconds })
    [pscustomobject]@{
        Requests = Get-RequestCount -Emulator $Emulator -PathLike '/api/v1/generations*'
        MaxLag   = ($lags | Measure-Object -Maximum).Maximum
        LastLag  = (($written.At | Measure-Object -Maximum).Maximum - ($written.Generation.CompletedAt | Measure-Object -Maximum).Maximum).TotalSeconds
        Errors   = @($errors).Count
        Seconds  = $seconds
    }
}

function Invoke-MemoryBenchmark {
    # 100,000 products streamed through the pipeline, in a fresh pwsh whose working set is sampled as they pass.
    param($Emulator)
    $key = New-BenchKey
    Add-BenchData -Emulator $Emulator -Key $key -Products 100000
    $growth = [double](Invoke-ChildScript @"
Import-Module '$modulePath'
Connect-Adsumo -ApiKey $key -BaseUri '$($Emulator.BaseUri)'
`$null = Get-AdsumoProduct -First 100
[GC]::Collect()
`$start = [Environment]::WorkingSet
`$peak = `$start
`$count = 0
# Sampled every 500 products as they stream by: a page is 100, so no page's worth of growth goes unseen.
Get-AdsumoProduct | ForEach-Object { `$count++; if (`$count % 500 -eq 0) { `$now = [Environment]::WorkingSet; if (`$now -gt `$peak) { `$peak = `$now } } }
if (`$count -ne 100000) { throw "streamed `$count products" }
(`$peak - `$start) / 1MB
"@)
    Add-BenchResult -Benchmark 'Stream 100,000 products: working-set growth' -Value $growth -Unit 'MB' -Goal 50
}

function Invoke-SaveBenchmark {
    # A 200 MB result file: Save-AdsumoGeneration against a plain HttpClient copy to disk, speed and memory.
    param($Emulator)
    $key = New-BenchKey
    $null = Invoke-EmulatorControl -Emulator $Emulator -Method PUT -Path settings -Body @{ result_bytes = 209715200; generation_seconds = 0 }
    try {
        $connection = Connect-Adsumo -ApiKey $key -BaseUri $Emulator.BaseUri -PassThru
        $generation = New-AdsumoImage -Prompt 'benchmark' -Model fast -AspectRatio 1:1 -Wait -PollIntervalSeconds 0.25 -Connection $connection
        $folder = Join-Path ([IO.Path]::GetTempPath()) "adsumo-bench-$([guid]::NewGuid().ToString('N'))"
        $null = New-Item -ItemType Directory $folder
        $grown = [System.Collections.Generic.List[double]]::new()
        try {
            [AdsumoBench.PlainClient]::Connect($key)
            $url = (Get-AdsumoGeneration -Id $generation.Id -Connection $connection).ResultUrl
            $contenders = [ordered]@{
                module = { $null = Save-AdsumoGeneration -InputObject $generation -Path $folder -Force -Connection $connection }
                csharp = { $null = [AdsumoBench.PlainClient]::Download($url, (Join-Path $folder 'plain.bin')) }
            }
            # Writing 200 MB twice a round leaves the disk flushing while the next contender runs: more rounds
            # than elsewhere, so that the median is not that flush.
            $medians = Measure-SideBySide -Contenders $contenders -Rounds 9
            # Memory is measured in saves of their own: the full collections it takes must not count in the time.
            foreach ($round in 1..3) {
                [GC]::Collect()
                $before = [GC]::GetTotalMemory($true)
                $null = Save-AdsumoGeneration -InputObject $generation -Path $folder -Force -Connection $connection
                $grown.Add(([GC]::GetTotalMemory($false) - $before) / 1MB)
            }
        }
        finally { Remove-Item $folder -Recurse -Force }
        Add-BenchResult -Benchmark 'Save a 200 MB result file (time)' -Value $medians.module -Unit 'ms' -Baseline 'plain HttpClient copy' -BaselineValue $medians.csharp -Goal 1.5
        Add-BenchResult -Benchmark 'Save a 200 MB result file: managed memory grown' -Value (Get-Median $grown.ToArray()) -Unit 'MB' -Goal 32
    }
    finally {
        $null = Invoke-EmulatorControl -Emulator $Emulator -Method PUT -Path settings -Body @{ result_bytes = 262144 }
    }
}

function Write-PerformanceDocument {
    # docs/performance.md is written by this run: the table, the machine it ran on, and how to run it again.
    param([string[]] $Table)
    $cpu = (Get-Content /proc/cpuinfo -ErrorAction SilentlyContinue | Where-Object { $_ -like 'model name*' } | Select-Object -First 1) -replace '^model name\s*:\s*', ''
    $memory = [math]::Round((Get-Content /proc/meminfo -ErrorAction SilentlyContinue | Where-Object { $_ -like 'MemTotal*' } | ForEach-Object { [double](($_ -split '\s+')[1]) }) / 1MB, 1)
    $lines = @(
        '# Performance of the Adsumo module'
        ''
        'Written by `dotnet pwsh -NoProfile -File build.ps1 -Task Bench` (which also writes `out/bench/results.md`);'
        'do not edit the table by hand. Each figure is measured side by side with its baseline in the same run, in'
        "alternated rounds (medians of $Rounds at 0 ms, fewer at 50 ms), against the emulator on this machine, with"
        'latency injected by the emulator (`latency_ms`) where the row says so. The goals are on the ratios, so they'
        'hold on a slower or busier machine as long as both sides are slowed alike.'
        ''
        "Run on $(Get-Date -Format 'yyyy-MM-dd') on $($cpu.Trim()), $([Environment]::ProcessorCount) cores, $memory GiB, $([System.Runtime.InteropServices.RuntimeInformation]::OSDescription),"
        ".NET $([Environment]::Version), PowerShell $($PSVersionTable.PSVersion)."
        ''
    ) + $Table + @(
        ''
        '## What the baselines are'
        ''
        '- **plain C# loop**: `bench/Baselines/PlainClient.cs`, compiled into the benchmark''s own pwsh: one'
        '  `HttpClient`, the offset loop, `System.Text.Json` into plain classes. What a developer would write by hand.'
        '- **Invoke-RestMethod offset loop**: the loop users of PowerShell write today, with `Invoke-RestMethod`.'
        '- **a one-cmdlet binary module with one view**: `bench/Trivial`, built by the benchmark: what PowerShell costs'
        '  to load any binary module and its format data, which no module can go below. The cold first call (import,'
        '  connect, which checks the key with one request, and list one product) is held to its import + 200 ms; the'
        '  row after it shows the same call formatted, against the one-cmdlet module imported, called and formatted.'
        '  The module readies its HTTP core on another thread while PowerShell finishes the import, answered from'
        '  memory (nothing is sent), so the first call finds its code compiled.'
        '- **listing**: every contender ends with the 10,000 products in memory and counts them (`@(...).Count` for'
        '  the module), so none pays for another cmdlet in the pipeline.'
        '- **plain HttpClient copy**: the same class streaming the file to disk, without the module''s safeguards'
        '  (temporary name, http(s)-only redirects, fresh URLs).'
        '- **serial**: the same 1,000 creations sent one at a time (`-ThrottleLimit 1`); **without the journal**: the'
        '  same run without `-Journal`. The kill runs (`bench/BatchBenchmarks.ps1`, `tools/KillRun.psm1`) have no'
        '  baseline: their goal is nothing lost and nothing made twice. Their details: `out/bench/batch-figures.json`.'
        ''
        '## Running it'
        ''
        '```sh'
        'dotnet tool restore && dotnet pwsh -NoProfile -File build.ps1 -Task Bench'
        '```'
    )
    Set-Content (Join-Path $Root 'docs/performance.md') $lines
}

. (Join-Path $PSScriptRoot 'BatchBenchmarks.ps1')

$emulator = Start-LoopbackServer -ServerDll $emulatorDll -Arguments @('--credits', '100000000')
try {
    Import-Module $modulePath
    if ('start' -like $Only) { Invoke-StartBenchmark -Emulator $emulator }
    if ('listing' -like $Only) { Invoke-ListingBenchmark -Emulator $emulator }
    if ('memory' -like $Only) { Invoke-MemoryBenchmark -Emulator $emulator }
    if ('waiting' -like $Only) { Invoke-WaitingBenchmark -Emulator $emulator }
    if ('save' -like $Only) {
        if (-not ('AdsumoBench.PlainClient' -as [type])) {
            Add-Type -Path (Join-Path $PSScriptRoot 'Baselines/PlainClient.cs') -ReferencedAssemblies System.Text.Json, System.Net.Http, System.Net.Primitives, System.Collections, System.Runtime, System.Text.Encodings.Web, System.Memory
        }
        Invoke-SaveBenchmark -Emulator $emulator
    }
}
finally {
    Stop-LoopbackServer $emulator
}
# Batches run on an emulator of their own, whose settings the kill run changes.
if ('batch' -like $Only) { Invoke-BatchBenchmark -Root $Root -EmulatorDll $emulatorDll }

$table = ConvertTo-BenchTable
Set-Content (Join-Path $outFolder 'results.md') $table
if ($Only -eq '*') { Write-PerformanceDocument -Table $table }
Write-Host ($table -join "`n")
$missed = @(Get-BenchResults | Where-Object { -not $_.Met })
if ($missed.Count) { Write-Host "Missed $($missed.Count) goal(s): $(($missed.Benchmark) -join '; ')."; exit 1 }
Write-Host 'Every goal met.'
exit 0
