# Helpers of build.ps1: the module's folder layout and the reading of test results.

function Write-ModuleLayout {
    # out/Adsumo/ holds what loads beside PowerShell (the module, its models, manifest and views); its
    # Dependencies/ holds the HTTP core and its packages, which the module loads in their own context.
    param(
        [Parameter(Mandatory)] [string] $Root,
        [Parameter(Mandatory)] [string] $Configuration,
        [Parameter(Mandatory)] [string] $ClientPublish,
        [Parameter(Mandatory)] [string] $Destination
    )
    if (Test-Path $Destination) { Remove-Item $Destination -Recurse -Force }
    $dependencies = Join-Path $Destination 'Dependencies'
    $null = New-Item -ItemType Directory -Path $dependencies -Force
    $moduleBin = Join-Path $Root "src/Adsumo/bin/$Configuration/netstandard2.0"
    Copy-Item (Join-Path $moduleBin 'Adsumo.dll'), (Join-Path $moduleBin 'Adsumo.Models.dll') $Destination
    Copy-Item (Join-Path $Root 'Adsumo.psd1') $Destination
    Copy-Item (Join-Path $Root 'src/Adsumo/Adsumo.Format.ps1xml') $Destination
    Get-ChildItem $ClientPublish -Filter *.dll | Where-Object Name -ne 'Adsumo.Models.dll' | Copy-Item -Destination $dependencies
    $help = Join-Path $Root 'src/Adsumo/en-US'
    if (Test-Path $help) { Copy-Item $help $Destination -Recurse }
}

function Read-TrxCounts {
    # Sums the counters of every .trx file that `dotnet test --logger trx` wrote under a folder.
    param([Parameter(Mandatory)] [string] $Folder)
    $counts = [ordered]@{ Passed = 0; Failed = 0; Skipped = 0 }
    foreach ($file in Get-ChildItem $Folder -Filter *.trx -Recurse) {
        [xml] $trx = Get-Content $file.FullName -Raw
        $counters = $trx.TestRun.ResultSummary.Counters
        $counts.Passed += [int] $counters.passed
        $counts.Failed += [int] $counters.failed + [int] $counters.error + [int] $counters.timeout + [int] $counters.aborted
        $counts.Skipped += [int] $counters.notExecuted
    }
    $counts
}

Export-ModuleMember -Function Write-ModuleLayout, Read-TrxCounts
