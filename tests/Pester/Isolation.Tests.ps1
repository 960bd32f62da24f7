# Assembly conflicts on PowerShell 7: the HTTP core and its packages load in a load context of their own, so another
# module's older Microsoft.Extensions.Http and DependencyInjection.Abstractions (6.0), loaded before or after, break
# neither side; the public types stay usable by name ([Adsumo.Product], -is, format views). A binary module
# cannot be unloaded, so each case runs in a fresh child pwsh, which reports what it saw as one JSON line.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ReliabilitySupport.psm1') -Force
    Import-TestModule
    $script:emulator = Start-TestEmulator
    $script:team = New-TestTeam -Emulator $emulator
    $null = Add-EmulatorData -Emulator $emulator -Key $team.Key -Data @{ products = 3 }

    # The 6.0 packages, restored into the NuGet cache by tools/PesterRestore (as another module would ship them).
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    $script:http6 = Join-Path $packages 'microsoft.extensions.http/6.0.0/lib/netstandard2.0/Microsoft.Extensions.Http.dll'
    $script:abstractions6 = Join-Path $packages 'microsoft.extensions.dependencyinjection.abstractions/6.0.0/lib/netstandard2.1/Microsoft.Extensions.DependencyInjection.Abstractions.dll'

    # What the child reports: the listing, the public types, the views, and where each assembly of interest loaded.
    $script:reportScript = @'
function Get-Report {
    param([object[]] $Products, [hashtable] $Extra = @{})
    $watched = 'Adsumo', 'Adsumo.Models', 'Adsumo.Client', 'Microsoft.Extensions.Http', 'Microsoft.Extensions.DependencyInjection.Abstractions'
    $assemblies = foreach ($assembly in [AppDomain]::CurrentDomain.GetAssemblies()) {
        $name = $assembly.GetName()
        if ($name.Name -notin $watched) { continue }
        $context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($assembly)
        [pscustomobject]@{ Name = $name.Name; Version = "$($name.Version)"; Context = $context.GetType().Name }
    }
    $report = [ordered]@{
        Count      = $Products.Count
        IsProduct  = $Products[0] -is [Adsumo.Product]
        TypeByName = [Adsumo.Product].FullName
        Table      = ($Products | Out-String -Width 200)
        Assemblies = @($assemblies)
    }
    foreach ($key in $Extra.Keys) { $report[$key] = $Extra[$key] }
    'REPORT ' + ($report | ConvertTo-Json -Compress -Depth 4)
}
'@

    function Read-Report {
        param($Result)
        $line = @($Result.Output | Where-Object { $_ -like 'REPORT *' })
        if ($line.Count -ne 1) { throw "The child reported nothing (exit $($Result.ExitCode)):`n$($Result.Output -join "`n")" }
        $line[0].Substring(7) | ConvertFrom-Json
    }

    function Get-LoadedAs {
        # The contexts an assembly loaded in, as "version context" strings.
        param($Report, [string] $Name)
        @($Report.Assemblies | Where-Object Name -EQ $Name | ForEach-Object { "$($_.Version) $($_.Context)" } | Sort-Object)
    }
}

AfterAll {
    Disconnect-Adsumo
    if ($script:emulator) { Stop-LoopbackServer $script:emulator }
}

Describe 'Isolating the HTTP core''s dependencies' {
    It 'has the 6.0 packages to load' {
        $http6 | Should -Exist
        $abstractions6 | Should -Exist
    }

    It 'imports and lists after another module loaded Microsoft.Extensions.Http 6.0' {
        $result = Invoke-ChildPwsh -Script @"
`$ErrorActionPreference = 'Stop'
$reportScript
`$null = [Reflection.Assembly]::LoadFrom('$abstractions6')
`$null = [Reflection.Assembly]::LoadFrom('$http6')
Import-Module '$env:ADSUMO_TEST_MODULE'
Connect-Adsumo -ApiKey '$($team.Key)' -BaseUri '$($emulator.BaseUri)'
Get-Report -Products @(Get-AdsumoProduct)
"@
        $result.ExitCode | Should -Be 0
        $report = Read-Report $result
        $report.Count | Should -Be 3
        $report.IsProduct | Should -BeTrue
        $report.TypeByName | Should -Be 'Adsumo.Product'
        # The format view's table, not the default list of every property.
        $report.Table | Should -Match '(?m)^Id\s+Name\s+Category\s+Price\s+Currency\s+CreatedAt\s*$'
        # Both versions side by side: the other module's 6.0 in the default context, ours in the isolated one.
        Get-LoadedAs $report 'Microsoft.Extensions.Http' | Should -Be @('6.0.0.0 DefaultAssemblyLoadContext', '8.0.0.0 IsolatedLoadContext')
        Get-LoadedAs $report 'Microsoft.Extensions.DependencyInjection.Abstractions' | Should -Be @('6.0.0.0 DefaultAssemblyLoadContext', '8.0.0.0 IsolatedLoadContext')
        Get-LoadedAs $report 'Adsumo.Client' | Should -Be @('0.1.0.0 IsolatedLoadContext')
        Get-LoadedAs $report 'Adsumo.Models' | Should -Be @('0.1.0.0 DefaultAssemblyLoadContext')
        Get-LoadedAs $report 'Adsumo' | Should -Be @('0.1.0.0 DefaultAssemblyLoadContext')
    }

    It 'lets another module load Microsoft.Extensions.Http 6.0 after it, and both keep working' {
        $result = Invoke-ChildPwsh -Script @"
`$ErrorActionPreference = 'Stop'
$reportScript
Import-Module '$env:ADSUMO_TEST_MODULE'
Connect-Adsumo -ApiKey '$($team.Key)' -BaseUri '$($emulator.BaseUri)'
`$before = @(Get-AdsumoProduct)
`$abstractions = [Reflection.Assembly]::LoadFrom('$abstractions6')
`$http = [Reflection.Assembly]::LoadFrom('$http6')
# The other module's types work: a service descriptor from DI 6.0, factory options from Http 6.0.
`$descriptor = `$abstractions.GetType('Microsoft.Extensions.DependencyInjection.ServiceDescriptor', `$true)::Singleton([string], 'shared')
`$options = [Activator]::CreateInstance(`$http.GetType('Microsoft.Extensions.Http.HttpClientFactoryOptions', `$true))
`$after = @(Get-AdsumoProduct)
Get-Report -Products `$after -Extra @{
    Before = `$before.Count
    Lifetime = "`$(`$descriptor.Lifetime)"
    Instance = `$descriptor.ImplementationInstance
    HandlerLifetime = `$options.HandlerLifetime.TotalMinutes
    HttpVersion = "`$(`$http.GetName().Version)"
}
"@
        $result.ExitCode | Should -Be 0
        $report = Read-Report $result
        $report.Before | Should -Be 3
        $report.Count | Should -Be 3
        $report.Lifetime | Should -Be 'Singleton'
        $report.Instance | Should -Be 'shared'
        $report.HandlerLifetime | Should -Be 2
        $report.HttpVersion | Should -Be '6.0.0.0'
        $report.IsProduct | Should -BeTrue
        Get-LoadedAs $report 'Microsoft.Extensions.Http' | Should -Be @('6.0.0.0 DefaultAssemblyLoadContext', '8.0.0.0 IsolatedLoadContext')
        Get-LoadedAs $report 'Adsumo.Client' | Should -Be @('0.1.0.0 IsolatedLoadContext')
    }

    It 'keeps the HTTP core out of the default context even with nothing else loaded' {
        $result = Invoke-ChildPwsh -Script @"
`$ErrorActionPreference = 'Stop'
$reportScript
Import-Module '$env:ADSUMO_TEST_MODULE'
Connect-Adsumo -ApiKey '$($team.Key)' -BaseUri '$($emulator.BaseUri)'
Get-Report -Products @(Get-AdsumoProduct)
"@
        $result.ExitCode | Should -Be 0
        $report = Read-Report $result
        $report.Count | Should -Be 3
        Get-LoadedAs $report 'Microsoft.Extensions.Http' | Should -Be @('8.0.0.0 IsolatedLoadContext')
        Get-LoadedAs $report 'Adsumo.Client' | Should -Be @('0.1.0.0 IsolatedLoadContext')
        Get-LoadedAs $report 'Adsumo.Models' | Should -Be @('0.1.0.0 DefaultAssemblyLoadContext')
    }
}
