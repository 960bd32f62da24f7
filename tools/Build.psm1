# Helpers of build.ps1: the module's folder layout and the reading of test results.

Import-Module (Join-Path $PSScriptRoot 'Processes.psm1')  # Invoke-Pwsh, for the help generator

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
    Write-ModuleHelp -Root $Root -ModuleBin $moduleBin -Configuration $Configuration -Destination $Destination
}

function Write-ModuleHelp {
    # en-US/ gets the about topic and the cmdlets' MAML help. tools/New-MamlHelp.ps1 makes the MAML from the laid-out
    # module in a child pwsh, as a binary module cannot be unloaded from the build's own session. That costs about
    # 2 s, so the MAML is kept in out/cache and made again only when one of its inputs is newer.
    param([string] $Root, [string] $ModuleBin, [string] $Configuration, [string] $Destination)
    # Absolute paths: the child starts in this process's directory, which Set-Location does not move.
    $Root, $ModuleBin, $Destination = ($Root, $ModuleBin, $Destination | Resolve-Path).Path
    $english = Join-Path $Destination 'en-US'
    $null = New-Item -ItemType Directory -Force -Path $english
    Copy-Item (Join-Path $Root 'docs/about_*.help.txt') $english

    $generator = Join-Path $Root 'tools/New-MamlHelp.ps1'
    $docs = 'Adsumo.xml', 'Adsumo.Models.xml' | ForEach-Object { Join-Path $ModuleBin $_ }
    $assemblies = 'Adsumo.dll', 'Adsumo.Models.dll' | ForEach-Object { Join-Path $ModuleBin $_ }
    $inputs = @($docs) + $assemblies + (Join-Path $Root 'Adsumo.psd1') + $generator
    $cache = Join-Path $Root "out/cache/$Configuration/Adsumo.dll-Help.xml"
    $stale = -not (Test-Path $cache) -or ($inputs | Where-Object { (Get-Item $_).LastWriteTimeUtc -gt (Get-Item $cache).LastWriteTimeUtc })
    if ($stale) {
        $exitCode = Invoke-Pwsh -File $generator -ModulePath (Join-Path $Destination 'Adsumo.psd1') `
            -XmlDocPath ($docs -join ',') -OutputPath $cache
        if ($exitCode -ne 0) { throw "The module's help was not written (exit code $exitCode); the reasons are above." }
    }
    Copy-Item $cache $english
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
        # Skipped tests are counted in total but not in executed.
        $counts.Skipped += [int] $counters.total - [int] $counters.executed
    }
    $counts
}

Export-ModuleMember -Function Write-ModuleLayout, Read-TrxCounts
