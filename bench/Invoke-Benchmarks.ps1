<#
.SYNOPSIS
    Measures the module against its speed targets, on the emulator, and writes the figures to out/bench/results.md.
.DESCRIPTION
    Run through `dotnet pwsh -NoProfile -File build.ps1 -Task Bench`. Each benchmark reports its median (or its
    single figure) and the target it must meet; the script exits 1 when a target is missed. Targets are generous
    for a small shared machine: they catch regressions of kind (a page fetched twice, waits made in turn, an
    import that loads the world), not noise.
#>
param(
    [Parameter(Mandatory)] [string] $Root,
    [int] $Repeat = 5
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $Root 'tools/Processes.psm1') -Force
$modulePath = Join-Path $Root 'out/Adsumo/Adsumo.psd1'
$emulatorDll = Join-Path $Root 'out/emulator/Adsumo.Emulator.dll'
$results = [System.Collections.Generic.List[object]]::new()

function Add-Result([string] $Name, [double] $Value, [string] $Unit, [double] $Target, [string] $Comparison = 'max') {
    $met = if ($Comparison -eq 'max') { $Value -le $Target } else { $Value -ge $Target }
    $results.Add([pscustomobject]@{ Benchmark = $Name; Value = [math]::Round($Value, 2); Unit = $Unit; Target = "$(if ($Comparison -eq 'max') { '<=' } else { '>=' }) $Target"; Met = $met })
}

function Measure-Median([scriptblock] $Action, [int] $Times = $Repeat) {
    $samples = foreach ($i in 1..$Times) { (Measure-Command $Action).TotalMilliseconds }
    ($samples | Sort-Object)[[math]::Floor($Times / 2)]
}

function Invoke-InChild([string] $Script) {
    $command = @(Get-PwshCommand)
    $file = Join-Path ([IO.Path]::GetTempPath()) "adsumo-bench-$([guid]::NewGuid().ToString('N')).ps1"
    Set-Content $file $Script
    try { & $command[0] @(@($command | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $file)) }
    finally { Remove-Item $file }
}

$emulator = Start-Emulator -EmulatorDll $emulatorDll -Arguments @('--generation-seconds', '2', '--result-bytes', '104857600')
try {
    # Import: a fresh pwsh each time, since a binary module cannot be unloaded.
    $importSamples = foreach ($i in 1..$Repeat) {
        [double](Invoke-InChild "`$w = [Diagnostics.Stopwatch]::StartNew(); Import-Module '$modulePath'; `$w.Elapsed.TotalMilliseconds")
    }
    Add-Result 'Import-Module Adsumo' (($importSamples | Sort-Object)[[math]::Floor($Repeat / 2)]) 'ms' 500

    $firstCall = foreach ($i in 1..$Repeat) {
        [double](Invoke-InChild @"
Import-Module '$modulePath'
`$w = [Diagnostics.Stopwatch]::StartNew()
Connect-Adsumo -ApiKey adsumo_sk_bench_first_call -BaseUri '$($emulator.BaseUri)'
`$w.Elapsed.TotalMilliseconds
"@)
    }
    Add-Result 'First call (Connect-Adsumo) in a new session' (($firstCall | Sort-Object)[[math]::Floor($Repeat / 2)]) 'ms' 1000

    Import-Module $modulePath
    $key = 'adsumo_sk_bench_' + [guid]::NewGuid().ToString('N')
    Connect-Adsumo -ApiKey $key -BaseUri $emulator.BaseUri
    $seed = @{ products = 2000; generations = @{ count = 50; type = 'image'; status = 'processing'; seconds = 2 } } | ConvertTo-Json
    $null = Invoke-RestMethod -Method POST -Uri "$($emulator.Root)/_emulator/seed" -Body $seed -ContentType 'application/json' -Headers @{ Authorization = "Bearer $key" }

    $listing = Measure-Median { $null = Get-AdsumoProduct }
    Add-Result 'List 2,000 products (20 pages)' $listing 'ms' 3000
    Add-Result 'Listing throughput' (2000 / ($listing / 1000)) 'items/s' 1000 'min'

    $early = Measure-Median { $null = Get-AdsumoProduct | Select-Object -First 3 }
    Add-Result 'Get-AdsumoProduct | Select-Object -First 3' $early 'ms' 200

    # 50 generations that each take 2 s: waiting on them at once should take about 2 s, not 100.
    $ids = (Get-AdsumoGeneration -Status processing).Id
    $wait = (Measure-Command { $null = $ids | Wait-AdsumoGeneration -PollIntervalSeconds 0.25 }).TotalSeconds
    Add-Result 'Wait on 50 generations of 2 s each' $wait 's' 6

    $generation = New-AdsumoImage -Prompt 'benchmark' -Model fast -AspectRatio 1:1 -Wait -PollIntervalSeconds 0.25
    $folder = Join-Path ([IO.Path]::GetTempPath()) "adsumo-bench-$([guid]::NewGuid().ToString('N'))"
    $null = New-Item -ItemType Directory $folder
    [GC]::Collect()
    $before = [GC]::GetTotalMemory($true)
    $download = (Measure-Command { $null = $generation | Save-AdsumoGeneration -Path $folder }).TotalSeconds
    $grown = ([GC]::GetTotalMemory($false) - $before) / 1MB
    Remove-Item $folder -Recurse -Force
    Add-Result 'Save a 100 MB result file' (100 / $download) 'MB/s' 50 'min'
    Add-Result 'Managed memory grown while saving 100 MB' $grown 'MB' 32

    # The emulator itself must be fast enough to measure a client against.
    $client = [System.Net.Http.HttpClient]::new()
    $client.DefaultRequestHeaders.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $key)
    $uri = "$($emulator.BaseUri)/account/credits"
    $count = 4000
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $tasks = [System.Collections.Generic.List[System.Threading.Tasks.Task]]::new()
    foreach ($i in 1..$count) {
        $tasks.Add($client.GetStringAsync($uri))
        if ($tasks.Count -ge 32) { [System.Threading.Tasks.Task]::WaitAll($tasks.ToArray()); $tasks.Clear() }
    }
    [System.Threading.Tasks.Task]::WaitAll($tasks.ToArray())
    Add-Result 'Emulator requests per second (32 in flight)' ($count / $watch.Elapsed.TotalSeconds) 'req/s' 1000 'min'
}
finally {
    Stop-Emulator $emulator
}

# Batches: concurrent submission, the journal's cost and the 1,000-row kill run (bench/BatchBenchmarks.ps1).
. (Join-Path $PSScriptRoot 'BatchBenchmarks.ps1')
foreach ($row in Invoke-BatchBenchmarks -Root $Root) { $results.Add($row) }

$table = $results | Format-Table -AutoSize | Out-String
Write-Host $table
$outFolder = Join-Path $Root 'out/bench'
$null = New-Item -ItemType Directory -Force $outFolder
$lines = @('| Benchmark | Value | Unit | Target | Met |', '|---|---:|---|---|---|') +
    ($results | ForEach-Object { "| $($_.Benchmark) | $($_.Value) | $($_.Unit) | $($_.Target) | $(if ($_.Met) { 'yes' } else { 'NO' }) |" })
Set-Content (Join-Path $outFolder 'results.md') $lines
$missed = @($results | Where-Object { -not $_.Met })
if ($missed.Count) { Write-Host "Missed $($missed.Count) target(s)."; exit 1 }
Write-Host 'Every target met.'
exit 0
