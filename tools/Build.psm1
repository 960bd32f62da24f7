# Helpers of build.ps1: the module's folder layout and the reading of test results.

Import-Module (Join-Path $PSScriptRoot 'Processes.psm1')  # Invoke-Pwsh, for the help generator

# Every file of the module folder, by subfolder: a file missing from the build, or one that is not listed (a new
# dependency pulled in by a package), fails the build by name, so what ships is always what was meant to.
$script:ModuleFiles = [ordered]@{
    '.'            = @('Adsumo.dll', 'Adsumo.Models.dll', 'Adsumo.psd1', 'Adsumo.Format.ps1xml', 'LICENSE')
    'Dependencies' = @(
        'Adsumo.Client.dll', 'Microsoft.Bcl.AsyncInterfaces.dll', 'Microsoft.Extensions.Configuration.Abstractions.dll',
        'Microsoft.Extensions.DependencyInjection.Abstractions.dll', 'Microsoft.Extensions.DependencyInjection.dll',
        'Microsoft.Extensions.Http.dll', 'Microsoft.Extensions.Logging.Abstractions.dll', 'Microsoft.Extensions.Logging.dll',
        'Microsoft.Extensions.Options.dll', 'Microsoft.Extensions.Primitives.dll', 'System.Buffers.dll',
        'System.ComponentModel.Annotations.dll', 'System.Diagnostics.DiagnosticSource.dll', 'System.Memory.dll',
        'System.Numerics.Vectors.dll', 'System.Runtime.CompilerServices.Unsafe.dll', 'System.Text.Encodings.Web.dll',
        'System.Text.Json.dll', 'System.Threading.Tasks.Extensions.dll')
    'en-US'        = @('Adsumo.dll-Help.xml', 'about_Adsumo.help.txt', 'about_Adsumo_Batches.help.txt', 'about_Adsumo_Emulator.help.txt',
        'about_Adsumo_Runbooks.help.txt')
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
    Write-ModuleManifest -Root $Root -ModuleBin $moduleBin -Destination $Destination
    Copy-Item (Join-Path $Root 'LICENSE') $Destination
    Copy-Item (Join-Path $Root 'src/Adsumo/Adsumo.Format.ps1xml') $Destination
    # The models load beside PowerShell, not in the core's context: the core's publish has its own copy.
    Get-ChildItem $ClientPublish -Filter *.dll | Where-Object Name -ne 'Adsumo.Models.dll' | Copy-Item -Destination $dependencies
    Write-ModuleHelp -Root $Root -ModuleBin $moduleBin -Configuration $Configuration -Destination $Destination
    Assert-ModuleLayout -Destination $Destination
}

function Get-BuiltVersion {
    # The version has one home, Directory.Build.props; MSBuild stamps it into the assemblies, and everything else
    # (the manifest, the packages) reads it back from the built module, so nothing can disagree.
    param([Parameter(Mandatory)] [string] $Folder)
    [Reflection.AssemblyName]::GetAssemblyName((Join-Path $Folder 'Adsumo.dll')).Version.ToString(3)
}

function Get-ReleaseNotes {
    # The latest entry of CHANGELOG.md (a '## <version>' heading and what follows, up to the next one), which must
    # be for the version being built: a release without its notes fails the build.
    param([Parameter(Mandatory)] [string] $Root, [Parameter(Mandatory)] [string] $Version)
    $changelog = Join-Path $Root 'CHANGELOG.md'
    $entries = [regex]::Matches((Get-Content $changelog -Raw), '(?ms)^## +(?<version>\S+)[^\n]*\n(?<notes>.*?)(?=^## |\z)')
    if ($entries.Count -eq 0) { throw "CHANGELOG.md has no entry ('## <version>'): write one for $Version." }
    $latest = $entries[0].Groups['version'].Value.Trim('[', ']')
    if ($latest -ne $Version) {
        throw "The latest entry of CHANGELOG.md is for $latest, but the version (Directory.Build.props) is ${Version}: write its entry."
    }
    $entries[0].Groups['notes'].Value.Trim()
}

function Write-ModuleManifest {
    # The module's manifest is the repository's, with the built version and the release notes stamped in: the
    # repository's copy has neither, so there is no second version to drift.
    param([string] $Root, [string] $ModuleBin, [string] $Destination)
    $version = Get-BuiltVersion -Folder $ModuleBin
    $notes = Get-ReleaseNotes -Root $Root -Version $version
    if ($notes -match "(?m)^'@") { throw "The release notes of $version have a line starting with '@, which would end the manifest's string." }
    $text = Get-Content (Join-Path $Root 'Adsumo.psd1') -Raw
    # The version goes after RootModule, the notes at the top of PSData, each indented as the line before it.
    $stamps = [ordered]@{
        "(?m)^(?<indent>[ \t]*)RootModule[ \t]*=.*$" = "ModuleVersion        = '$version'"
        '(?m)^(?<indent>[ \t]*)PSData[ \t]*=[ \t]*@\{[ \t]*$' = "    ReleaseNotes = @'`n$notes`n'@"
    }
    foreach ($pattern in $stamps.Keys) {
        $match = [regex]::Match($text, $pattern)
        if (-not $match.Success) { throw "Adsumo.psd1 has no line matching $pattern, where the build writes the version and release notes." }
        $text = $text.Insert($match.Index + $match.Length, "`n" + $match.Groups['indent'].Value + $stamps[$pattern])
    }
    $manifest = Join-Path $Destination 'Adsumo.psd1'
    Set-Content -Path $manifest -Value $text -NoNewline
    $written = Import-PowerShellDataFile $manifest
    if ($written.ModuleVersion -ne $version -or $written.PrivateData.PSData.ReleaseNotes -ne $notes) {
        throw "The stamped manifest $manifest does not read back version $version and its release notes."
    }
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
    # en-US/ gets the about topics and the cmdlets' MAML help. tools/New-MamlHelp.ps1 makes the MAML from the laid-out
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

function Write-Packages {
    <#
    Writes out/package/: the module as Adsumo.<version>.nupkg, published with PSResourceGet to the folder as a file
    repository, and the emulator as the .NET tool package Adsumo.Emulator.<version>.nupkg (command adsumo-emulator).
    Both carry the built version; a package missing afterwards fails the build by name.
    #>
    param(
        [Parameter(Mandatory)] [string] $Root,
        [Parameter(Mandatory)] [string] $Configuration,
        [Parameter(Mandatory)] [string] $ModuleFolder,
        [Parameter(Mandatory)] [string] $Destination
    )
    if (Test-Path $Destination) { Remove-Item $Destination -Recurse -Force }
    $null = New-Item -ItemType Directory $Destination
    $version = Get-BuiltVersion -Folder $ModuleFolder
    $publisher = Join-Path $Root 'tools/Publish-ModulePackage.ps1'
    $exitCode = Use-TemporaryHome { Invoke-Pwsh -NonInteractive -File $publisher -ModulePath $ModuleFolder -Destination $Destination }
    if ($exitCode -ne 0) { throw "Publish-PSResource did not write the module's package (exit code $exitCode); the reasons are above." }
    & dotnet pack (Join-Path $Root 'src/Adsumo.Emulator/Adsumo.Emulator.csproj') -c $Configuration --no-build --nologo -v quiet -o $Destination
    if ($LASTEXITCODE -ne 0) { throw "dotnet pack did not write the emulator's tool package (exit code $LASTEXITCODE)." }
    foreach ($name in "Adsumo.$version.nupkg", "Adsumo.Emulator.$version.nupkg") {
        if (-not (Test-Path (Join-Path $Destination $name))) { throw "The package $name is missing from $Destination." }
    }
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

Export-ModuleMember -Function Write-ModuleLayout, Write-Packages, Get-BuiltVersion, Read-TrxCounts, Update-MeasuredFigures
