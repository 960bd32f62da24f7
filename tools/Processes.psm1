# Child processes for the build, the tests and the benchmarks: the dotnet host, child pwsh shells, and the
# Adsumo emulator, which runs out of process.
# Out of process on purpose: hosting ASP.NET Core in the same pwsh would load its Microsoft.Extensions.* into the
# session, and the module under test would silently use those instead of its own.

function Get-DotnetPath {
    # Under `dotnet pwsh` the current process is the dotnet host itself; elsewhere, take dotnet from PATH.
    $current = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($current) -eq 'dotnet') { return $current }
    (Get-Command dotnet -CommandType Application -ErrorAction Stop | Select-Object -First 1).Source
}

function Get-PwshCommand {
    # A child pwsh on the same PowerShell as this one: `dotnet <PSHOME>/pwsh.dll` under the dotnet tool, else pwsh.
    $current = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($current) -eq 'dotnet') { return @($current, (Join-Path $PSHOME 'pwsh.dll')) }
    @($current)
}

function Invoke-Pwsh {
    # Runs a child pwsh with the given arguments and returns its exit code; its output goes to this host.
    # A plain function on $args, so that the child's parameters are never taken for common parameters.
    $command = @(Get-PwshCommand)
    $rest = @($command | Select-Object -Skip 1) + @('-NoProfile') + @($args)
    & $command[0] @rest | Out-Host
    $LASTEXITCODE
}

function Start-LoopbackServer {
    <#
    Starts a server of this repository (the emulator, the tests' scenario server) on a free loopback port and waits
    for the port file it writes once it listens; returns its BaseUri, Root and process.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $ServerDll,
        [string[]] $Arguments = @(),
        [double] $TimeoutSeconds = 30
    )
    if (-not (Test-Path $ServerDll)) { throw "The server is not built: $ServerDll is missing. Run build.ps1 -Task Build." }
    $name = [IO.Path]::GetFileNameWithoutExtension($ServerDll)
    $work = Join-Path ([IO.Path]::GetTempPath()) ("adsumo-server-" + [guid]::NewGuid().ToString('n'))
    $null = New-Item -ItemType Directory $work
    $portFile = Join-Path $work 'port'
    $allArguments = @($ServerDll, '--urls', 'http://127.0.0.1:0', '--port-file', $portFile) + $Arguments
    $process = Start-Process -FilePath (Get-DotnetPath) `
        -ArgumentList $allArguments -PassThru -NoNewWindow `
        -RedirectStandardOutput (Join-Path $work 'stdout.txt') -RedirectStandardError (Join-Path $work 'stderr.txt')
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while (-not (Test-Path $portFile)) {
        if ($process.HasExited) {
            throw "$name exited with code $($process.ExitCode): $(Get-Content (Join-Path $work 'stderr.txt') -Raw)"
        }
        if ([DateTime]::UtcNow -gt $deadline) {
            $process.Kill($true)
            throw "$name did not start within $TimeoutSeconds s."
        }
        Start-Sleep -Milliseconds 25
    }
    $baseUri = (Get-Content $portFile -Raw).Trim()
    [pscustomobject]@{
        PSTypeName = 'Adsumo.LoopbackServer'
        BaseUri    = $baseUri
        Root       = $baseUri -replace '/api/v1$', ''
        Process    = $process
        WorkFolder = $work
    }
}

function Stop-LoopbackServer {
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)] $Server)
    process {
        if ($Server.Process -and -not $Server.Process.HasExited) {
            $Server.Process.Kill($true)
            $null = $Server.Process.WaitForExit(5000)
        }
        Remove-Item $Server.WorkFolder -Recurse -Force -ErrorAction SilentlyContinue
    }
}

Export-ModuleMember -Function Start-LoopbackServer, Stop-LoopbackServer, Get-DotnetPath, Get-PwshCommand, Invoke-Pwsh
