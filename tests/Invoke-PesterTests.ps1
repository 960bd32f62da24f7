<#
.SYNOPSIS
    Runs the Pester tests of the built module and writes their counts to a JSON file for build.ps1.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EmulatorDll,
    [Parameter(Mandatory)] [string] $ScenarioServerDll,
    [Parameter(Mandatory)] [string] $PackageFolder,
    [Parameter(Mandatory)] [string] $SummaryPath,
    # Wildcards on the test files' names, comma-separated in one string too; build.ps1 sets them in the environment
    # (see there why).
    [string[]] $Filter = @("$env:ADSUMO_TEST_FILTER" -split ',' | Where-Object { $_ })
)
$ErrorActionPreference = 'Stop'

# Pester comes from NuGet through tools/PesterRestore (restored with the solution), never from the Gallery.
$packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
$pester = Join-Path $packages 'pester/5.7.1/tools/Pester.psd1'
if (-not (Test-Path $pester)) { throw "Pester 5.7.1 is not in the NuGet cache ($pester): restore Adsumo.sln first." }
Import-Module $pester -RequiredVersion 5.7.1

$env:ADSUMO_TEST_MODULE = (Resolve-Path $ModulePath).Path
$env:ADSUMO_TEST_EMULATOR = (Resolve-Path $EmulatorDll).Path
$env:ADSUMO_TEST_SCENARIO_SERVER = (Resolve-Path $ScenarioServerDll).Path
$env:ADSUMO_TEST_PACKAGES = (Resolve-Path $PackageFolder).Path
# Where tests may leave figures for the docs (docs/reliability.md quotes the fault run's), beside the summary.
$env:ADSUMO_TEST_RESULTS = Split-Path -Parent ([IO.Path]::GetFullPath($SummaryPath))
# Tests must never reach a real service: no inherited key or base URI may leak into them.
Remove-Item Env:ADSUMO_API_KEY, Env:ADSUMO_BASE_URI -ErrorAction SilentlyContinue

$configuration = New-PesterConfiguration
$files = Get-ChildItem (Join-Path $PSScriptRoot 'Pester') -Filter '*.Tests.ps1' -Recurse
if ($Filter) { $files = $files | Where-Object { $name = $_.Name; $Filter | Where-Object { $name -like $_ } } }
$configuration.Run.Path = @($files.FullName)
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Normal'
$result = Invoke-Pester -Configuration $configuration

$summary = [ordered]@{
    Passed  = $result.PassedCount
    Failed  = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    Skipped = $result.SkippedCount + $result.NotRunCount
}
$summary | ConvertTo-Json | Set-Content $SummaryPath
exit ([int]($summary.Failed -gt 0))
