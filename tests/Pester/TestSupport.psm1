# Shared by the Pester tests: an emulator per test file, a fresh team per test, and the emulator's control API.
# Every test talks to the built module in this pwsh, and to the emulator over loopback HTTP only.

Import-Module (Join-Path $PSScriptRoot '../../tools/Processes.psm1') -Force

function Start-TestEmulator {
    <#
    Starts an emulator for one test file; extra emulator options such as '--generation-seconds', '0.5'; -Urls for
    another address or scheme (https needs '--https-cert' among the options).
    #>
    param([string[]] $Arguments = @(), [string] $Urls = 'http://127.0.0.1:0')
    if (-not $env:ADSUMO_TEST_EMULATOR) { throw 'ADSUMO_TEST_EMULATOR is not set: run the tests through build.ps1 -Task Test.' }
    Start-LoopbackServer -ServerDll $env:ADSUMO_TEST_EMULATOR -Arguments $Arguments -Urls $Urls
}

function Import-TestModule {
    if (-not $env:ADSUMO_TEST_MODULE) { throw 'ADSUMO_TEST_MODULE is not set: run the tests through build.ps1 -Task Test.' }
    # -Global: imported from inside this module, it would otherwise be visible to this module only.
    if (-not (Get-Module Adsumo)) { Import-Module $env:ADSUMO_TEST_MODULE -Global -ErrorAction Stop }
}

function New-TestKey {
    <# A key no other test uses, so each test is its own team. #>
    param([string] $Prefix = 'adsumo_sk_test_')
    $Prefix + [guid]::NewGuid().ToString('N')
}

function New-TestTeam {
    <#
    A new team on the emulator: its key (tests need it for the control API; the connection never reveals it) and a
    connection made with Connect-Adsumo -PassThru, with quick retries and a short reconciliation settle time so fault
    tests stay short. Also sets it as the runspace's default connection.
    #>
    param(
        [Parameter(Mandatory)] $Emulator,
        [string] $Key = (New-TestKey),
        [int] $MaxRetries = 5,
        [double] $RetryBaseDelaySeconds = 0.05,
        [double] $RequestTimeoutSeconds = 30,
        [double] $ReconcileSettleSeconds = 0.5,
        [double] $ReconcileLostSettleSeconds = 1,
        [int] $MaxResends = 2
    )
    $connection = Connect-Adsumo -ApiKey $Key -BaseUri $Emulator.BaseUri -PassThru -MaxRetries $MaxRetries `
        -RetryBaseDelaySeconds $RetryBaseDelaySeconds -RequestTimeoutSeconds $RequestTimeoutSeconds `
        -ReconcileSettleSeconds $ReconcileSettleSeconds -ReconcileLostSettleSeconds $ReconcileLostSettleSeconds -MaxResends $MaxResends
    [pscustomobject]@{ Key = $Key; Connection = $connection }
}

function Invoke-EmulatorControl {
    <# Calls /_emulator/<Path> with an optional JSON body and team key. #>
    param(
        [Parameter(Mandatory)] $Emulator,
        [Parameter(Mandatory)] [string] $Method,
        [Parameter(Mandatory)] [string] $Path,
        $Body,
        [string] $Key
    )
    $parameters = @{ Method = $Method; Uri = "$($Emulator.Root)/_emulator/$Path"; ContentType = 'application/json' }
    if ($null -ne $Body) { $parameters.Body = ($Body | ConvertTo-Json -Depth 10 -Compress) }
    if ($Key) { $parameters.Headers = @{ Authorization = "Bearer $Key" } }
    # An https emulator serves a certificate made for its test, which only the shells under test trust.
    Invoke-RestMethod @parameters -SkipCertificateCheck
}

function Get-EmulatorRequest {
    <# The /api/v1 and /_files requests the emulator saw, optionally only after a sequence number. #>
    param([Parameter(Mandatory)] $Emulator, [long] $Since = 0)
    (Invoke-EmulatorControl -Emulator $Emulator -Method GET -Path "requests?since=$Since").data
}

function Clear-EmulatorRequest {
    <# Empties the emulator's request log, so that a test counts only what it sends afterwards. #>
    param([Parameter(Mandatory)] $Emulator)
    $null = Invoke-EmulatorControl -Emulator $Emulator -Method DELETE -Path requests
}

function Set-EmulatorFault {
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [hashtable] $Fault)
    $null = Invoke-EmulatorControl -Emulator $Emulator -Method PUT -Path faults -Body $Fault
}

function Clear-EmulatorFault {
    param([Parameter(Mandatory)] $Emulator)
    $null = Invoke-EmulatorControl -Emulator $Emulator -Method DELETE -Path faults
}

function Set-EmulatorSetting {
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [hashtable] $Setting)
    $null = Invoke-EmulatorControl -Emulator $Emulator -Method PUT -Path settings -Body $Setting
}

function Add-EmulatorData {
    <# Seeds a team's data without credits: @{ products = 3; custom_avatars = 1; generations = @{ count = 2; status = 'processing' } }. #>
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $Key, [Parameter(Mandatory)] [hashtable] $Data)
    Invoke-EmulatorControl -Emulator $Emulator -Method POST -Path seed -Body $Data -Key $Key
}

function New-ModuleShell {
    <#
    A [powershell] instance on its own runspace with the module imported and the team connected, then $Script with
    $Parameters: for tests that stop a pipeline (Stop()) or read its streams.
    #>
    param(
        [Parameter(Mandatory)] $Emulator,
        [Parameter(Mandatory)] $Team,
        [Parameter(Mandatory)] [scriptblock] $Script,
        [hashtable] $Parameters = @{}
    )
    # The set-up runs now, on its own, rather than as the first statement of a batch: a batch that is stopped can
    # still be reading its runspace on a pool thread when the test disposes it, and that ends the whole process.
    $shell = [powershell]::Create()
    $null = $shell.AddScript({
            param($Module, $Key, $BaseUri)
            Import-Module $Module -ErrorAction Stop
            $null = Connect-Adsumo -ApiKey $Key -BaseUri $BaseUri -ErrorAction Stop
        }).AddParameters(@{ Module = $env:ADSUMO_TEST_MODULE; Key = $Team.Key; BaseUri = $Emulator.BaseUri })
    $null = $shell.Invoke()
    if ($shell.HadErrors) { throw "The module shell's set-up failed: $(@($shell.Streams.Error)[0])" }
    $shell.Commands.Clear()
    $shell.Streams.ClearStreams()
    $null = $shell.AddScript($Script).AddParameters($Parameters)
    $shell
}

function Stop-ShellWithin {
    <#
    Stops a [powershell] as Ctrl+C does and returns how long it took to stop, in seconds. Bounded: a stop that does
    not take effect returns after $BoundSeconds, so a test of stopping fails in seconds rather than after whatever
    the pipeline was waiting for.
    #>
    param([Parameter(Mandatory)] [powershell] $Shell, [double] $BoundSeconds = 10)
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $stopping = $Shell.BeginStop($null, $null)
    $null = $stopping.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds($BoundSeconds))
    $watch.Elapsed.TotalSeconds
}

function Close-Shell {
    <# Disposes a [powershell] and its runspace, unless it is still running: one that would not stop is left to end on its own. #>
    param([Parameter(Mandatory)] [powershell] $Shell, [System.Management.Automation.Runspaces.Runspace] $Runspace)
    if ($Shell.InvocationStateInfo.State -in 'Running', 'Stopping') {
        $null = $Shell.BeginStop($null, $null)
        return
    }
    $Shell.Dispose()
    if ($Runspace) { $Runspace.Dispose() }
}

function Wait-Until {
    <# Polls a condition instead of sleeping for a guessed time; throws, saying what it waited for, when it never holds. #>
    param(
        [Parameter(Mandatory)] [scriptblock] $Condition,
        [string] $Description = "{$Condition}",
        [double] $TimeoutSeconds = 30,
        [int] $IntervalMilliseconds = 25
    )
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while (-not (& $Condition)) {
        if ([DateTime]::UtcNow -gt $deadline) { throw "Timed out after $TimeoutSeconds s waiting for: $Description" }
        Start-Sleep -Milliseconds $IntervalMilliseconds
    }
}

function Get-FileMagic {
    <# $Count bytes of a file from $Offset, read without loading the file: enough to check a format's magic. #>
    param([Parameter(Mandatory)] [string] $Path, [int] $Offset = 0, [int] $Count = 4)
    $stream = [IO.File]::OpenRead($Path)
    try {
        $buffer = [byte[]]::new($Count)
        $null = $stream.Seek($Offset, 'Begin')
        $read = $stream.Read($buffer, 0, $Count)
        [byte[]] $buffer[0..($read - 1)]
    }
    finally { $stream.Dispose() }
}

function Invoke-ChildPwsh {
    <# Runs a script in a fresh pwsh (for imports, isolation and new-process behaviour); returns its output lines. #>
    param([Parameter(Mandatory)] [string] $Script, [hashtable] $Environment = @{})
    $file = Join-Path ([IO.Path]::GetTempPath()) ("adsumo-child-" + [guid]::NewGuid().ToString('N') + '.ps1')
    Set-Content -Path $file -Value $Script
    $saved = @{}
    foreach ($name in $Environment.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $Environment[$name]) }
    try {
        $command = @(Get-PwshCommand)
        $arguments = @($command | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $file)
        $output = & $command[0] @arguments 2>&1 | ForEach-Object { "$_" }
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = @($output) }
    }
    finally {
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        Remove-Item $file -ErrorAction SilentlyContinue
    }
}

function Install-EmulatorTool {
    <#
    Installs the emulator's .NET tool package from the test run's package folder (out/package) into a folder of
    its own, as a user would with dotnet tool install, under a temporary HOME and with a NuGet.config that names that
    folder alone, so nothing reaches the network or the user's own tools. Returns the install's exit code, output and
    the adsumo-emulator command's path.
    #>
    param([Parameter(Mandatory)] [string] $Folder)
    if (-not $env:ADSUMO_TEST_PACKAGES) { throw 'ADSUMO_TEST_PACKAGES is not set: run the tests through build.ps1 -Task Test.' }
    $package = Get-ChildItem $env:ADSUMO_TEST_PACKAGES -Filter 'Adsumo.Emulator.*.nupkg' | Select-Object -First 1
    $version = $package.Name -replace '^Adsumo\.Emulator\.(.+)\.nupkg$', '$1'
    $null = New-Item -ItemType Directory -Force $Folder
    $config = Join-Path $Folder 'NuGet.config'
    Set-Content -Path $config -Value @"
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="adsumo-test-packages" value="$($env:ADSUMO_TEST_PACKAGES)" />
  </packageSources>
</configuration>
"@
    $toolPath = Join-Path $Folder 'bin'
    $install = Use-TemporaryHome {
        $output = & (Get-DotnetPath) tool install Adsumo.Emulator --version $version --tool-path $toolPath --configfile $config 2>&1
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = @($output | ForEach-Object { "$_" }) }
    }
    [pscustomobject]@{
        ExitCode = $install.ExitCode
        Output   = $install.Output
        ToolPath = $toolPath
        Command  = Join-Path $toolPath ($IsWindows ? 'adsumo-emulator.exe' : 'adsumo-emulator')
    }
}

function Find-AutomaticAssignment {
    <#
    The automatic variables (about_Automatic_Variables) that PowerShell code assigns to, as a loop variable or a
    parameter: PowerShell overwrites or ignores them ($event, $input, $matches...), so an example must not.
    #>
    param([Parameter(Mandatory)] [AllowEmptyString()] [string] $Code)
    # $null is left out: '$null = ...' discards output, the idiom examples should use.
    $automatic = @('$', '?', '^', '_', 'args', 'ConsoleFileName', 'EnabledExperimentalFeatures', 'Error', 'Event', 'EventArgs',
        'EventSubscriber', 'ExecutionContext', 'false', 'foreach', 'HOME', 'Host', 'input', 'IsCoreCLR', 'IsLinux', 'IsMacOS',
        'IsWindows', 'LASTEXITCODE', 'Matches', 'MyInvocation', 'NestedPromptLevel', 'PID', 'PROFILE', 'PSBoundParameters',
        'PSCmdlet', 'PSCommandPath', 'PSCulture', 'PSDebugContext', 'PSEdition', 'PSHOME', 'PSItem', 'PSScriptRoot', 'PSSenderInfo',
        'PSUICulture', 'PSVersionTable', 'PWD', 'Sender', 'ShellId', 'StackTrace', 'switch', 'this', 'true')
    $ast = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref] $null, [ref] $null)
    $assigned = $ast.FindAll({
            param($node)
            $node -is [System.Management.Automation.Language.AssignmentStatementAst] -or
            $node -is [System.Management.Automation.Language.ForEachStatementAst] -or
            $node -is [System.Management.Automation.Language.ParameterAst]
        }, $true) | ForEach-Object {
        $target = switch ($_) {
            { $_ -is [System.Management.Automation.Language.AssignmentStatementAst] } { $_.Left; break }
            { $_ -is [System.Management.Automation.Language.ForEachStatementAst] } { $_.Variable; break }
            default { $_.Name }
        }
        Get-AssignedVariable $target
    }
    @($assigned | Where-Object { $_ -in $automatic } | Sort-Object -Unique)
}

function Get-AssignedVariable {
    <#
    The variables an assignment's target names: $a, [int] $a and $a, $b assign them; $a[$i] and $a.Name change what
    $a holds, so $a counts and the index ($i, $_) does not.
    #>
    param($Target)
    switch ($Target) {
        { $_ -is [System.Management.Automation.Language.VariableExpressionAst] } { $_.VariablePath.UserPath; break }
        { $_ -is [System.Management.Automation.Language.ConvertExpressionAst] -or $_ -is [System.Management.Automation.Language.AttributedExpressionAst] } { Get-AssignedVariable $_.Child; break }
        { $_ -is [System.Management.Automation.Language.IndexExpressionAst] } { Get-AssignedVariable $_.Target; break }
        { $_ -is [System.Management.Automation.Language.MemberExpressionAst] } { Get-AssignedVariable $_.Expression; break }
        { $_ -is [System.Management.Automation.Language.ArrayLiteralAst] } { foreach ($element in $_.Elements) { Get-AssignedVariable $element }; break }
        { $_ -is [System.Management.Automation.Language.ParenExpressionAst] } { Get-AssignedVariable $_.Pipeline.PipelineElements[0].Expression; break }
    }
}

function New-TestFolder {
    <# A new, empty folder under the temp folder for one test file; remove it in AfterAll. #>
    param([string] $Prefix = 'adsumo-test-')
    New-Item -ItemType Directory (Join-Path ([IO.Path]::GetTempPath()) ($Prefix + [guid]::NewGuid().ToString('N'))) | Select-Object -ExpandProperty FullName
}

Export-ModuleMember -Function *
