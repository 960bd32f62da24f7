# Helpers of the benchmarks: the emulator and its control API, rounds measured side by side, child shells, and the
# rows of the results table. Every figure is a ratio against a baseline measured in the same run, in alternated
# rounds, so that what the machine is doing meanwhile weighs on both sides alike.

Import-Module (Join-Path $PSScriptRoot '../tools/Processes.psm1')

$script:Results = [System.Collections.Generic.List[object]]::new()

function Invoke-EmulatorControl {
    <# Calls the emulator's control API (/_emulator/<Path>) with an optional JSON body and team key. #>
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $Method, [Parameter(Mandatory)] [string] $Path, $Body, [string] $Key)
    $parameters = @{ Method = $Method; Uri = "$($Emulator.Root)/_emulator/$Path"; ContentType = 'application/json' }
    if ($null -ne $Body) { $parameters.Body = ($Body | ConvertTo-Json -Depth 10 -Compress) }
    if ($Key) { $parameters.Headers = @{ Authorization = "Bearer $Key" } }
    Invoke-RestMethod @parameters
}

function New-BenchKey { 'adsumo_sk_bench_' + [guid]::NewGuid().ToString('N') }

function Add-BenchData {
    <# Seeds a team's data, 10,000 items at a time (the emulator's largest seed). #>
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $Key, [int] $Products)
    for ($left = $Products; $left -gt 0; $left -= 10000) {
        $null = Invoke-EmulatorControl -Emulator $Emulator -Method POST -Path seed -Key $Key -Body @{ products = [math]::Min($left, 10000) }
    }
}

function Set-Latency {
    <# Delays every /api/v1 request of the emulator by this many milliseconds, as a real network would. #>
    param([Parameter(Mandatory)] $Emulator, [int] $Milliseconds)
    if ($Milliseconds -le 0) { $null = Invoke-EmulatorControl -Emulator $Emulator -Method DELETE -Path faults; return }
    $null = Invoke-EmulatorControl -Emulator $Emulator -Method PUT -Path faults -Body @{ latency_ms = $Milliseconds }
}

function Get-RequestCount {
    <# How many /api/v1 requests the emulator saw whose path matches, since the log was last cleared. #>
    param([Parameter(Mandatory)] $Emulator, [string] $PathLike = '/api/v1/*')
    @((Invoke-EmulatorControl -Emulator $Emulator -Method GET -Path requests).data | Where-Object path -Like $PathLike).Count
}

function Measure-SideBySide {
    <#
    Runs each contender once per round, in turn, for $Rounds rounds (after one round of warm-up that is not counted),
    and returns each one's median in milliseconds. Alternating makes a busy moment of the machine cost both sides.
    #>
    param([Parameter(Mandatory)] [System.Collections.Specialized.OrderedDictionary] $Contenders, [int] $Rounds = 5)
    $samples = [ordered]@{}
    foreach ($name in $Contenders.Keys) { $samples[$name] = [System.Collections.Generic.List[double]]::new() }
    foreach ($round in 0..$Rounds) {
        foreach ($name in $Contenders.Keys) {
            [GC]::Collect()
            $elapsed = (Measure-Command $Contenders[$name]).TotalMilliseconds
            if ($round -gt 0) { $samples[$name].Add($elapsed) }
        }
    }
    $medians = [ordered]@{}
    foreach ($name in $samples.Keys) { $medians[$name] = Get-Median $samples[$name] }
    $medians
}

function Get-Median {
    param([Parameter(Mandatory)] [double[]] $Values)
    $sorted = @($Values | Sort-Object)
    if ($sorted.Count % 2 -eq 1) { return $sorted[[math]::Floor($sorted.Count / 2)] }
    ($sorted[$sorted.Count / 2 - 1] + $sorted[$sorted.Count / 2]) / 2
}

function Invoke-ChildScript {
    <# Runs a script in a fresh pwsh and returns its output lines (a binary module can only be measured cold there). #>
    param([Parameter(Mandatory)] [string] $Script)
    $command = @(Get-PwshCommand)
    $file = Join-Path ([IO.Path]::GetTempPath()) "adsumo-bench-$([guid]::NewGuid().ToString('N')).ps1"
    Set-Content $file $Script
    try { & $command[0] @(@($command | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $file)) }
    finally { Remove-Item $file }
}

function Add-BenchResult {
    <#
    One row of the table: what was measured, the module's figure, the baseline's (when there is one), and the goal.
    With a baseline the goal is on the ratio module/baseline; without, on the figure itself.
    #>
    param(
        [Parameter(Mandatory)] [string] $Benchmark,
        [Parameter(Mandatory)] [double] $Value,
        [Parameter(Mandatory)] [string] $Unit,
        [string] $Baseline,
        [double] $BaselineValue = [double]::NaN,
        [double] $Goal = [double]::NaN,
        [ValidateSet('max', 'min')] [string] $Comparison = 'max',
        [string] $GoalText,
        # For a goal that is not a bound on the figure or the ratio (a difference, say): whether it was met.
        [bool] $Met
    )
    $ratio = if ([double]::IsNaN($BaselineValue) -or $BaselineValue -eq 0) { [double]::NaN } else { $Value / $BaselineValue }
    $measured = if ([double]::IsNaN($ratio)) { $Value } else { $ratio }
    $met = if ($PSBoundParameters.ContainsKey('Met')) { $Met } elseif ([double]::IsNaN($Goal)) { $true } elseif ($Comparison -eq 'max') { $measured -le $Goal } else { $measured -ge $Goal }
    $script:Results.Add([pscustomobject]@{
            Benchmark     = $Benchmark
            Value         = $Value
            Unit          = $Unit
            Baseline      = $Baseline
            BaselineValue = $BaselineValue
            Ratio         = $ratio
            Goal          = if ($GoalText) { $GoalText } elseif ([double]::IsNaN($Goal)) { '' } else { "$(if ($Comparison -eq 'max') { '<=' } else { '>=' }) $Goal$(if ([double]::IsNaN($ratio)) { " $Unit" } else { 'x' })" }
            Met           = $met
        })
    $shownRatio = if ([double]::IsNaN($ratio)) { '' } else { (' = {0:0.00}x {1}' -f $ratio, $Baseline) }
    Write-Host ('{0}: {1:0.##} {2}{3}{4}' -f $Benchmark, $Value, $Unit, $shownRatio, $(if ($met) { '' } else { '  (GOAL MISSED)' }))
}

function Get-BenchResults { $script:Results }

function Format-Number {
    param([double] $Value)
    if ([double]::IsNaN($Value)) { return '' }
    if ([math]::Abs($Value) -ge 100) { return $Value.ToString('N0', [cultureinfo]::InvariantCulture) }
    $Value.ToString('0.##', [cultureinfo]::InvariantCulture)
}

function ConvertTo-BenchTable {
    <# The results as a Markdown table. #>
    $lines = @('| benchmark | module | baseline | ratio | goal | met |', '|---|---:|---:|---:|---|---|')
    foreach ($row in $script:Results) {
        $baseline = if ($row.Baseline) { "$(Format-Number $row.BaselineValue) $($row.Unit) ($($row.Baseline))" } else { '' }
        $ratio = if ([double]::IsNaN($row.Ratio)) { '' } else { (Format-Number $row.Ratio) + 'x' }
        $lines += "| $($row.Benchmark) | $(Format-Number $row.Value) $($row.Unit) | $baseline | $ratio | $($row.Goal) | $(if ($row.Met) { 'yes' } else { '**no**' }) |"
    }
    $lines
}

Export-ModuleMember -Function *
