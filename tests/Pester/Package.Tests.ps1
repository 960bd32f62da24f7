# The packages users install, from out/package (build.ps1 -Task Test writes them as -Task Package does): the module
# through PSResourceGet into a temporary module path, imported by name in a fresh pwsh; the emulator as a .NET tool
# from that folder alone, started and asked over loopback. Nothing here reads or changes the user's own repositories,
# modules or tools: every install runs under a temporary HOME, and NuGet sees only the package folder.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    if (-not $env:ADSUMO_TEST_PACKAGES) { throw 'ADSUMO_TEST_PACKAGES is not set: run the tests through build.ps1 -Task Test.' }
    $packages = $env:ADSUMO_TEST_PACKAGES
    $repositoryRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $builtFolder = Split-Path -Parent $env:ADSUMO_TEST_MODULE
    # The one place the version is written.
    $version = ([xml] (Get-Content (Join-Path $repositoryRoot 'Directory.Build.props') -Raw)).Project.PropertyGroup.Version |
        Where-Object { $_ } | Select-Object -First 1

    function Read-Nuspec([string] $Package) {
        # The .nuspec inside a package, read without extracting it.
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($Package)
        try {
            $entry = $zip.Entries | Where-Object { $_.FullName -like '*.nuspec' -and $_.FullName -notlike '*/*' }
            $reader = [IO.StreamReader]::new($entry.Open())
            try { [xml] $reader.ReadToEnd() } finally { $reader.Dispose() }
        }
        finally { $zip.Dispose() }
    }

    function Get-PackageFiles([string] $Package) {
        # The files a package carries, without NuGet's own bookkeeping.
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($Package)
        try {
            @($zip.Entries.FullName | Where-Object { $_ -notmatch '^(_rels/|package/|\[Content_Types\]\.xml$)|\.nuspec$' } | Sort-Object)
        }
        finally { $zip.Dispose() }
    }
}

Describe 'The version' {
    It 'is written once, in Directory.Build.props' {
        $version | Should -Match '^\d+\.\d+\.\d+$'
        (Import-PowerShellDataFile (Join-Path $repositoryRoot 'Adsumo.psd1')).Keys | Should -Not -Contain 'ModuleVersion'
    }

    It 'is the same in the built manifest, every assembly and both packages' {
        (Test-ModuleManifest $env:ADSUMO_TEST_MODULE -ErrorAction Stop).Version.ToString() | Should -Be $version
        foreach ($assembly in 'Adsumo.dll', 'Adsumo.Models.dll', 'Dependencies/Adsumo.Client.dll') {
            [Reflection.AssemblyName]::GetAssemblyName((Join-Path $builtFolder $assembly)).Version.ToString(3) |
                Should -Be $version -Because "$assembly is built with the version"
        }
        [Reflection.AssemblyName]::GetAssemblyName($env:ADSUMO_TEST_EMULATOR).Version.ToString(3) | Should -Be $version
        foreach ($id in 'Adsumo', 'Adsumo.Emulator') {
            $package = Join-Path $packages "$id.$version.nupkg"
            $package | Should -Exist
            $nuspec = Read-Nuspec $package
            $nuspec.package.metadata.id | Should -Be $id
            $nuspec.package.metadata.version | Should -Be $version
        }
    }

    It 'has its release notes: the latest entry of CHANGELOG.md, in the manifest and the module package' {
        $changelog = Get-Content (Join-Path $repositoryRoot 'CHANGELOG.md') -Raw
        $latest = [regex]::Match($changelog, '(?ms)^## +(?<version>\S+)[^\n]*\n(?<notes>.*?)(?=^## |\z)')
        $latest.Groups['version'].Value | Should -Be $version
        $notes = $latest.Groups['notes'].Value.Trim()
        (Test-ModuleManifest $env:ADSUMO_TEST_MODULE).ReleaseNotes | Should -Be $notes
        (Read-Nuspec (Join-Path $packages "Adsumo.$version.nupkg")).package.metadata.releaseNotes | Should -Be $notes
    }
}

Describe 'The module package' {
    BeforeAll {
        $emulator = Start-TestEmulator
        $key = New-TestKey
        # Installed and used in child shells that share a temporary HOME: its module path is where CurrentUser
        # installs go, and where a fresh pwsh looks for modules by name.
        $installed = Use-TemporaryHome {
            param($home_)
            $install = Invoke-ChildPwsh -Script @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name AdsumoTestPackages -Uri '$packages' -Trusted
try { Install-PSResource -Name Adsumo -Version '$version' -Repository AdsumoTestPackages -Scope CurrentUser -TrustRepository -Quiet }
finally { Unregister-PSResourceRepository -Name AdsumoTestPackages }
'repositories: ' + ((Get-PSResourceRepository).Name -join ',')
"@
            # A fresh pwsh, as a user's next session: the module by name, nothing else.
            $use = Invoke-ChildPwsh -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module Adsumo
`$module = Get-Module Adsumo
Connect-Adsumo -ApiKey $key -BaseUri '$($emulator.BaseUri)'
[pscustomobject]@{
    ModuleBase = `$module.ModuleBase
    Version    = `$module.Version.ToString()
    Manifest   = (Test-ModuleManifest (Join-Path `$module.ModuleBase 'Adsumo.psd1')).Version.ToString()
    Files      = @(Get-ChildItem `$module.ModuleBase -Recurse -File | ForEach-Object { [IO.Path]::GetRelativePath(`$module.ModuleBase, `$_.FullName) -replace '\\', '/' } | Sort-Object)
    Cmdlets    = @((Get-Command -Module Adsumo -CommandType Cmdlet).Name | Sort-Object)
    Topics     = @(Get-ChildItem (Join-Path `$module.ModuleBase 'en-US') -Filter 'about_*.help.txt' | ForEach-Object { `$_.Name -replace '\.help\.txt$' } | Where-Object { (Get-Help `$_ | Out-String) -match `$_ })
    Runbooks   = (Get-Help about_Adsumo_Runbooks | Out-String)
    Examples   = @((Get-Help New-AdsumoProduct -Examples).examples.example).Count
    Remaining  = (Get-AdsumoCredit).Remaining
} | ConvertTo-Json -Compress
"@
            [pscustomobject]@{ Home = $home_; Install = $install; Use = $use }
        }
    }

    AfterAll {
        Stop-LoopbackServer $emulator
    }

    It 'installs with Install-PSResource from the package folder, and leaves no repository registered' {
        $installed.Install.ExitCode | Should -Be 0 -Because ($installed.Install.Output -join "`n")
        $installed.Install.Output | Should -Contain 'repositories: PSGallery'
    }

    It 'imports by name in a fresh pwsh, from the temporary module path' {
        $installed.Use.ExitCode | Should -Be 0 -Because ($installed.Use.Output -join "`n")
        $result = $installed.Use.Output[-1] | ConvertFrom-Json
        $result.ModuleBase | Should -BeLike "$($installed.Home)*"
        $result.Version | Should -Be $version
    }

    It 'passes Test-ModuleManifest where it is installed' {
        ($installed.Use.Output[-1] | ConvertFrom-Json).Manifest | Should -Be $version
    }

    It 'holds exactly the built module: the same files, LICENSE and help included' {
        $result = $installed.Use.Output[-1] | ConvertFrom-Json
        $built = @(Get-ChildItem $builtFolder -Recurse -File | ForEach-Object { [IO.Path]::GetRelativePath($builtFolder, $_.FullName) -replace '\\', '/' } | Sort-Object)
        # PSResourceGet adds its own record of the install.
        @($result.Files | Where-Object { $_ -ne 'PSGetModuleInfo.xml' }) | Should -Be $built
        $result.Files | Should -Contain 'LICENSE'
        $result.Files | Should -Contain 'en-US/about_Adsumo_Runbooks.help.txt'
    }

    It 'works as installed: its cmdlets, help, about topics and a call to the emulator' {
        $result = $installed.Use.Output[-1] | ConvertFrom-Json
        $result.Cmdlets | Should -Be @((Import-PowerShellDataFile $env:ADSUMO_TEST_MODULE).CmdletsToExport | Sort-Object)
        $result.Runbooks | Should -Match 'about_Adsumo_Runbooks'
        $topics = @(Get-ChildItem (Join-Path $builtFolder 'en-US') -Filter 'about_*.help.txt' | ForEach-Object { $_.Name -replace '\.help\.txt$' })
        @($result.Topics | Sort-Object) | Should -Be @($topics | Sort-Object) -Because 'Get-Help finds every about topic of the installed module'
        $result.Examples | Should -BeGreaterOrEqual 2
        $result.Remaining | Should -BeGreaterThan 0
    }
}

Describe 'The emulator tool package' {
    BeforeAll {
        $tools = Join-Path ([IO.Path]::GetTempPath()) ('adsumo-tools-' + [guid]::NewGuid().ToString('N'))
        # From the package folder alone: nothing is asked of nuget.org or any other feed.
        $install = Install-EmulatorTool -Folder $tools
        $command = $install.Command
    }

    AfterAll {
        if ($server) { Stop-LoopbackServer $server }
        Remove-Item $tools -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'installs with dotnet tool install from the package folder alone' {
        $install.ExitCode | Should -Be 0 -Because ($install.Output -join "`n")
        $command | Should -Exist
    }

    It 'starts as adsumo-emulator and answers on loopback' {
        $script:server = Start-LoopbackServer -Executable $command
        $server.BaseUri | Should -Match '^http://127\.0\.0\.1:\d+/api/v1$'
        $credits = Invoke-RestMethod "$($server.BaseUri)/account/credits" -Headers @{ Authorization = "Bearer $(New-TestKey)" }
        $credits.credits_remaining | Should -Be 600
        (Invoke-RestMethod "$($server.Root)/_emulator/settings").credits | Should -Be 600
    }

    It 'names itself adsumo-emulator in its help' {
        $help = & $command --help
        $LASTEXITCODE | Should -Be 0
        ($help -join "`n") | Should -Match 'Usage: adsumo-emulator'
    }
}
