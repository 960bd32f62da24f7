# Helpers of build.ps1: the module's folder layout and the reading of test results.

Import-Module (Join-Path $PSScriptRoot 'Processes.psm1')  # Invoke-Pwsh, for the help generator

# Every file of the module folder, by subfolder: a file missing from the build, or one that is not listed (a new
# dependency pulled in by a package), fails the build by name, so what ships is always what was meant to.
$script:ModuleFiles = [ordered]@{
    '.'            = @('Adsumo.dll', 'Adsumo.Models.dll', 'Adsumo.psd1', 'Adsumo.Format.ps1xml')
    'Dependencies' = @(
        'Adsumo.Client.dll', 'Microsoft.Bcl.AsyncInterfaces.dll', 'Microsoft.Extensions.Configuration.Abstractions.dll',
        'Microsoft.Extensions.DependencyInjection.Abstractions.dll', 'Microsoft.Extensions.DependencyInjection.dll',
        'Microsoft.Extensions.Http.dll', 'Microsoft.Extensions.Logging.Abstractions.dll', 'Microsoft.Extensions.Logging.dll',
        'Microsoft.Extensions.Options.dll', 'Microsoft.Extensions.Primitives.dll', 'System.Buffers.dll',
        'System.ComponentModel.Annotations.dll', 'System.Diagnostics.DiagnosticSource.dll', 'System.Memory.dll',
        'System.Numerics.Vectors.dll', 'System.Runtime.CompilerServices.Unsafe.dll', 'System.Text.Encodings.Web.dll',
        'System.Text.Json.dll', 'System.Threading.Tasks.Extensions.dll')
    'en-US'        = @('Adsumo.dll-Help.xml', 'about_Adsumo.help.txt')
}

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
    # The models load beside PowerShell, not in the core's context: the core's publish has its own copy.
    Get-ChildItem $ClientPublish -Filter *.dll | Where-Object Name -ne 'Adsumo.Models.dll' | Copy-Item -Destination $dependencies
    Write-ModuleHelp -Root $Root -ModuleBin $moduleBin -Configuration $Configuration -Destination $Destination
    Assert-ModuleLayout -Destination $Destination
}

function Assert-ModuleLayout {
    # Compares the laid-out module with the list above, file by file.
    param([Parameter(Mandatory)] [string] $Destination)
    $problems = foreach ($folder in $script:ModuleFiles.Keys) {
        $path = Join-Path $Destination $folder
        $present = @(Get-ChildItem $path -File -ErrorAction SilentlyContinue | ForEach-Object Name)
        foreach ($name in $script:ModuleFiles[$folder]) { if ($name -notin $present) { "missing: $folder/$name" } }
        foreach ($name in $present) { if ($name -notin $script:ModuleFiles[$folder]) { "not in the list of module files: $folder/$name" } }
    }
    $folders = @(Get-ChildItem $Destination -Directory -Recurse | ForEach-Object { [IO.Path]::GetRelativePath($Destination, $_.FullName) })
    $problems = @($problems) + @($folders | Where-Object { $_ -notin $script:ModuleFiles.Keys } | ForEach-Object { "a folder not in the list: $_" })
    if ($problems.Count -gt 0) {
        throw "The module folder is not as listed in tools/Build.psm1 (ModuleFiles):`n  $($problems -join "`n  ")"
    }
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
    Copy-Item (Join-Path $Root 'docs/about_Adsumo.help.txt') $english

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

function Update-MeasuredFigures {
    <#
    Writes the figures a run measured into the documents that quote them. A figure in a document is marked
    <!-- figure: section/name/... -->value<!-- /figure -->, the path naming its place in the JSON the tests wrote;
    each value is replaced by the measured one, so no figure in the docs is typed by hand. A figure the run did not
    measure (a filtered run) keeps its value.
    #>
    param([Parameter(Mandatory)] [string] $Figures, [Parameter(Mandatory)] [string[]] $Documents)
    if (-not (Test-Path $Figures)) { return }
    $measured = Get-Content $Figures -Raw | ConvertFrom-Json -AsHashtable
    $pattern = [regex]'<!-- figure: (?<path>[^>]+?) -->(?<value>.*?)<!-- /figure -->'
    foreach ($document in $Documents) {
        $text = Get-Content $document -Raw
        $updated = $pattern.Replace($text, {
                param($match)
                $value = $measured
                foreach ($part in $match.Groups['path'].Value.Split('/')) {
                    if ($value -isnot [System.Collections.IDictionary] -or -not $value.Contains($part)) { return $match.Value }
                    $value = $value[$part]
                }
                $shown = if ($value -is [double] -or $value -is [decimal]) { $value.ToString('0.###', [cultureinfo]::InvariantCulture) }
                elseif ($value -is [int] -or $value -is [long]) { $value.ToString('N0', [cultureinfo]::InvariantCulture) }
                else { "$value" }
                "<!-- figure: $($match.Groups['path'].Value) -->$shown<!-- /figure -->"
            })
        if ($updated -ne $text) { Set-Content -Path $document -Value $updated -NoNewline }
    }
}

Export-ModuleMember -Function Write-ModuleLayout, Read-TrxCounts, Update-MeasuredFigures
