<#
.SYNOPSIS
    Writes the module's package (Adsumo.<version>.nupkg) into a folder with PSResourceGet's Publish-PSResource.
.DESCRIPTION
    Publishing needs a registered repository, and PSResourceGet keeps its repositories per user: run this in a child
    pwsh whose HOME is a temporary folder (build.ps1 does), so the user's own repositories are never read or changed.
    The folder is registered as a file repository under a name of its own and unregistered afterwards, however the
    publishing ends.
.PARAMETER ModulePath
    The built module's folder (out/Adsumo).
.PARAMETER Destination
    The folder the package is written to.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $Destination
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$repository = 'AdsumoBuild' + [guid]::NewGuid().ToString('N')
Register-PSResourceRepository -Name $repository -Uri (Resolve-Path $Destination).Path -Trusted
try {
    Publish-PSResource -Path (Resolve-Path $ModulePath).Path -Repository $repository
}
finally {
    Unregister-PSResourceRepository -Name $repository
}
