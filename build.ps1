#requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests and demonstrates the Adsumo module and its emulator.
.DESCRIPTION
    Run it as `dotnet pwsh -NoProfile -File build.ps1 -Task <Task>` after `dotnet tool restore`.
      Build     builds the solution, lays out the importable module in out/Adsumo/ and the emulator in out/emulator/
      Test      builds, runs every xunit and Pester test, and ends with `Tests: N passed, N failed, N skipped`
      Demo      builds, starts the emulator and runs examples/Quickstart.ps1 against it
      Emulator  builds and runs the emulator in the foreground on http://127.0.0.1:5080
      Bench     builds and runs the benchmarks in bench/
      Clean     removes out/ and every bin/ and obj/
.PARAMETER Task
    What to do.
.PARAMETER Configuration
    The build configuration, Release unless told.
.PARAMETER TestFilter
    For -Task Test: run only the Pester files whose name matches this wildcard, and skip xunit when it is given.
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Emulator', 'Bench', 'Clean')]
    [string] $Task = 'Build',
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',
    [string] $TestFilter
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
$out = Join-Path $root 'out'
$moduleOut = Join-Path $out 'Adsumo'
$emulatorOut = Join-Path $out 'emulator'
$scenarioOut = Join-Path $out 'scenario'
Import-Module (Join-Path $root 'tools/Build.psm1'), (Join-Path $root 'tools/Processes.psm1') -Force

function Invoke-Dotnet {
    # A plain function on $args: an advanced one would take dotnet's -v and -o for its own common parameters.
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE" }
}

function Invoke-Build {
    $started = [Diagnostics.Stopwatch]::StartNew()
    Invoke-Dotnet build (Join-Path $root 'Adsumo.sln') -c $Configuration --nologo -v quiet
    Invoke-Dotnet publish (Join-Path $root 'src/Adsumo.Emulator/Adsumo.Emulator.csproj') -c $Configuration --no-build --nologo -v quiet -o $emulatorOut
    # The tests' own misbehaving server (bad answers, slow bodies, redirects), run out of process like the emulator.
    Invoke-Dotnet publish (Join-Path $root 'tests/Adsumo.ScenarioServer/Adsumo.ScenarioServer.csproj') -c $Configuration --no-build --nologo -v quiet -o $scenarioOut
    $clientPublish = Join-Path $root "src/Adsumo.Client/bin/$Configuration/publish"
    Invoke-Dotnet publish (Join-Path $root 'src/Adsumo.Client/Adsumo.Client.csproj') -c $Configuration --no-build --nologo -v quiet -o $clientPublish
    Write-ModuleLayout -Root $root -Configuration $Configuration -ClientPublish $clientPublish -Destination $moduleOut
    Write-Host "Built out/Adsumo, out/emulator and out/scenario in $([math]::Round($started.Elapsed.TotalSeconds, 1)) s"
}

switch ($Task) {
    'Clean' {
        foreach ($dir in @($out) + @(Get-ChildItem $root -Recurse -Directory -Include bin, obj | Select-Object -ExpandProperty FullName)) {
            if (Test-Path $dir) { Remove-Item $dir -Recurse -Force }
        }
        Write-Host 'Cleaned.'
    }
    'Build' { Invoke-Build }
    'Emulator' {
        Invoke-Build
        & dotnet (Join-Path $emulatorOut 'Adsumo.Emulator.dll') --urls 'http://127.0.0.1:5080'
        exit $LASTEXITCODE
    }
    'Demo' {
        Invoke-Build
        $emulator = Start-LoopbackServer -ServerDll (Join-Path $emulatorOut 'Adsumo.Emulator.dll') -Arguments @('--generation-seconds', '2')
        try {
            $demoExit = Invoke-Pwsh -File (Join-Path $root 'examples/Quickstart.ps1') `
                -BaseUri $emulator.BaseUri -OutputFolder (Join-Path $out 'demo')
        }
        finally {
            Stop-LoopbackServer $emulator
        }
        exit $demoExit
    }
    'Bench' {
        Invoke-Build
        exit (Invoke-Pwsh -File (Join-Path $root 'bench/Invoke-Benchmarks.ps1') -Root $root)
    }
    'Test' {
        Invoke-Build
        $results = Join-Path $out 'test-results'
        if (Test-Path $results) { Remove-Item $results -Recurse -Force }
        $null = New-Item -ItemType Directory $results
        $counts = [ordered]@{ Passed = 0; Failed = 0; Skipped = 0 }

        if (-not $TestFilter) {
            # One run per project, each with its own results file: trx names made from timestamps can collide.
            $xunitFailed = $false
            foreach ($project in Get-ChildItem (Join-Path $root 'tests') -Filter *.Tests.csproj -Recurse) {
                & dotnet test $project.FullName -c $Configuration --no-build --nologo `
                    --logger "trx;LogFileName=$($project.BaseName).trx" --logger 'console;verbosity=minimal' --results-directory $results
                if ($LASTEXITCODE -ne 0) { $xunitFailed = $true }
            }
            $xunit = Read-TrxCounts -Folder $results
            Write-Host "xunit: $($xunit.Passed) passed, $($xunit.Failed) failed, $($xunit.Skipped) skipped"
            if ($xunitFailed -and $xunit.Failed -eq 0) { $xunit.Failed = 1 }
            foreach ($key in @($counts.Keys)) { $counts[$key] += $xunit[$key] }
        }

        $pesterSummary = Join-Path $results 'pester.json'
        $null = Invoke-Pwsh -File (Join-Path $root 'tests/Invoke-PesterTests.ps1') `
            -ModulePath (Join-Path $moduleOut 'Adsumo.psd1') -EmulatorDll (Join-Path $emulatorOut 'Adsumo.Emulator.dll') `
            -ScenarioServerDll (Join-Path $scenarioOut 'Adsumo.ScenarioServer.dll') `
            -SummaryPath $pesterSummary -Filter "$TestFilter"
        if (Test-Path $pesterSummary) {
            $pester = Get-Content $pesterSummary -Raw | ConvertFrom-Json
            Write-Host "Pester: $($pester.Passed) passed, $($pester.Failed) failed, $($pester.Skipped) skipped"
            $counts.Passed += $pester.Passed; $counts.Failed += $pester.Failed; $counts.Skipped += $pester.Skipped
        }
        else {
            Write-Host 'Pester did not report a summary.'
            $counts.Failed += 1
        }
        # The docs quote what this run measured (a filtered run measures only part, and leaves the rest as it was).
        Update-MeasuredFigures -Figures (Join-Path $results 'reliability-figures.json') -Documents (Get-ChildItem (Join-Path $root 'docs') -Filter *.md).FullName
        Write-Host "Tests: $($counts.Passed) passed, $($counts.Failed) failed, $($counts.Skipped) skipped"
        exit ([int]($counts.Failed -gt 0))
    }
}
