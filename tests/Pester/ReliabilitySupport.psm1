# Helpers of the reliability tests (retries, cancellation, secrets, bad input and answers, faults, files,
# isolation): the scenario server (tests/Adsumo.ScenarioServer, which misbehaves on purpose), polling, and
# pipelines run in a runspace of their own so that a test can stop them.

Import-Module (Join-Path $PSScriptRoot '../../tools/Processes.psm1') -Force

function Start-TestScenarioServer {
    <# Starts the scenario server for one test file; its Root is http://127.0.0.1:<port>. #>
    if (-not $env:ADSUMO_TEST_SCENARIO_SERVER) { throw 'ADSUMO_TEST_SCENARIO_SERVER is not set: run the tests through build.ps1 -Task Test.' }
    # Started exactly as the emulator is (--urls, --port-file); its port file holds the root URL.
    $server = Start-LoopbackServer -ServerDll $env:ADSUMO_TEST_SCENARIO_SERVER
    $server.PSObject.TypeNames.Insert(0, 'Adsumo.TestScenarioServer')
    $server
}

function Get-ScenarioUri {
    <# The base URI that gives every request the named scenario's behaviour. #>
    param([Parameter(Mandatory)] $Server, [Parameter(Mandatory)] [string] $Scenario)
    "$($Server.Root)/$Scenario/api/v1"
}

function Connect-Scenario {
    <# A connection (also the runspace default) to one scenario, with a fresh key and quick retries unless told. #>
    param(
        [Parameter(Mandatory)] $Server,
        [Parameter(Mandatory)] [string] $Scenario,
        [string] $Key = ('adsumo_sk_scenario_' + [guid]::NewGuid().ToString('N')),
        [int] $MaxRetries = 2,
        [double] $RetryBaseDelaySeconds = 0.05,
        [double] $RequestTimeoutSeconds = 10,
        [double] $RetryTimeoutSeconds = 60
    )
    Connect-Adsumo -ApiKey $Key -BaseUri (Get-ScenarioUri -Server $Server -Scenario $Scenario) -PassThru `
        -MaxRetries $MaxRetries -RetryBaseDelaySeconds $RetryBaseDelaySeconds `
        -RequestTimeoutSeconds $RequestTimeoutSeconds -RetryTimeoutSeconds $RetryTimeoutSeconds
}

function Get-ScenarioRequest {
    <# Every request the scenario server saw, in flight ones included (state in_flight, done or aborted). #>
    param([Parameter(Mandatory)] $Server, [string] $Scenario)
    $all = @((Invoke-RestMethod -Uri "$($Server.Root)/_scenario/requests").data)
    if ($Scenario) { $all = @($all | Where-Object scenario -EQ $Scenario) }
    $all
}

function Connect-ScriptedScenario {
    <#
    A scenario of the test's own (see tests/Adsumo.ScenarioServer/ScriptedScenarios.cs): its rules answer the
    requests they match, everything else is answered normally. Returns the connection (also the runspace default)
    and the scenario's name, for Get-ScenarioRequest.
    #>
    param(
        [Parameter(Mandatory)] $Server,
        [Parameter(Mandatory)] [AllowEmptyCollection()] [object[]] $Rules,
        [int] $MaxRetries = 2,
        [double] $RetryBaseDelaySeconds = 0.01,
        [double] $RequestTimeoutSeconds = 10,
        [double] $RetryTimeoutSeconds = 60
    )
    $name = 'script-' + [guid]::NewGuid().ToString('N')
    $body = @{ rules = $Rules } | ConvertTo-Json -Depth 20 -Compress
    $null = Invoke-RestMethod -Method Put -Uri "$($Server.Root)/_scenario/scripts/$name" -Body $body -ContentType 'application/json'
    $connection = Connect-Scenario -Server $Server -Scenario $name -MaxRetries $MaxRetries -RetryBaseDelaySeconds $RetryBaseDelaySeconds `
        -RequestTimeoutSeconds $RequestTimeoutSeconds -RetryTimeoutSeconds $RetryTimeoutSeconds
    [pscustomobject]@{ Name = $name; Connection = $connection }
}

function Clear-ScenarioRequest {
    param([Parameter(Mandatory)] $Server)
    $null = Invoke-RestMethod -Method Delete -Uri "$($Server.Root)/_scenario/requests"
}

function Start-TestPipeline {
    <#
    Runs a script in a new runspace of this process (the module imported there), asynchronously, so that the test
    can stop it as Ctrl+C would. Arguments are passed as the script's parameters. Returns the PowerShell instance,
    its async result and its runspace; Stop-TestPipeline ends and disposes them.
    #>
    param([Parameter(Mandatory)] [string] $Script, [hashtable] $Parameters = @{})
    $runspace = [runspacefactory]::CreateRunspace()
    $runspace.Open()
    $shell = [powershell]::Create()
    $shell.Runspace = $runspace
    # Imported now, not as the first statement of a batch: a stopped batch can still touch its runspace on a pool
    # thread after Remove-TestPipeline disposes it, which ends the whole process.
    $null = $shell.AddScript("Import-Module '$($env:ADSUMO_TEST_MODULE)' -ErrorAction Stop")
    $null = $shell.Invoke()
    if ($shell.HadErrors) { throw "The module shell's set-up failed: $(@($shell.Streams.Error)[0])" }
    $shell.Commands.Clear()
    $shell.Streams.ClearStreams()
    $null = $shell.AddScript($Script)
    foreach ($name in $Parameters.Keys) { $null = $shell.AddParameter($name, $Parameters[$name]) }
    $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
    $pipelineInput = [System.Management.Automation.PSDataCollection[psobject]]::new()
    $pipelineInput.Complete()
    $async = $shell.BeginInvoke($pipelineInput, $output)
    [pscustomobject]@{ Shell = $shell; Async = $async; Runspace = $runspace; Output = $output }
}

function Stop-TestPipeline {
    <# Stops the pipeline as Ctrl+C does and returns how long it took to stop, in seconds (bounded, see Stop-ShellWithin). #>
    param([Parameter(Mandatory)] $Pipeline)
    Stop-ShellWithin -Shell $Pipeline.Shell
}

function Remove-TestPipeline {
    param([Parameter(Mandatory)] $Pipeline)
    Close-Shell -Shell $Pipeline.Shell -Runspace $Pipeline.Runspace
}

function Get-SecretWindow {
    <# Every run of 12 characters of a key's secret part (after adsumo_sk_): none may appear anywhere. #>
    param([Parameter(Mandatory)] [string] $Key)
    $secret = $Key.Substring('adsumo_sk_'.Length)
    0..($secret.Length - 12) | ForEach-Object { $secret.Substring($_, 12) }
}

function Get-FreeLoopbackPort {
    <# A port on 127.0.0.1 that nothing listens on (it was free a moment ago), for refused connections. #>
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Invoke-Captured {
    <#
    Runs a script and sorts everything it wrote: output objects, verbose, debug, information and warning messages,
    and errors (non-terminating ones and the one that ended it, if any), with the time it took.
    #>
    param([Parameter(Mandatory)] [scriptblock] $Script)
    $result = [pscustomobject]@{
        Output      = [Collections.Generic.List[object]]::new()
        Verbose     = [Collections.Generic.List[string]]::new()
        Debug       = [Collections.Generic.List[string]]::new()
        Information = [Collections.Generic.List[string]]::new()
        Warning     = [Collections.Generic.List[string]]::new()
        Errors      = [Collections.Generic.List[System.Management.Automation.ErrorRecord]]::new()
        Seconds     = 0.0
    }
    $watch = [Diagnostics.Stopwatch]::StartNew()
    try {
        & $Script *>&1 | ForEach-Object {
            switch ($_) {
                { $_ -is [System.Management.Automation.VerboseRecord] } { $result.Verbose.Add($_.Message); break }
                { $_ -is [System.Management.Automation.DebugRecord] } { $result.Debug.Add($_.Message); break }
                { $_ -is [System.Management.Automation.InformationRecord] } { $result.Information.Add("$($_.MessageData)"); break }
                { $_ -is [System.Management.Automation.WarningRecord] } { $result.Warning.Add($_.Message); break }
                { $_ -is [System.Management.Automation.ErrorRecord] } { $result.Errors.Add($_); break }
                default { $result.Output.Add($_) }
            }
        }
    }
    catch {
        $result.Errors.Add($_)
    }
    $result.Seconds = $watch.Elapsed.TotalSeconds
    $result
}

function Save-ReliabilityFigure {
    <#
    Records a measured figure (for docs/reliability.md) in reliability-figures.json in the test results folder,
    when the runner gave one; tests run by hand record nothing.
    #>
    param([Parameter(Mandatory)] [string] $Section, [Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] $Value)
    if (-not $env:ADSUMO_TEST_RESULTS) { return }
    $file = Join-Path $env:ADSUMO_TEST_RESULTS 'reliability-figures.json'
    $figures = if (Test-Path $file) { Get-Content $file -Raw | ConvertFrom-Json -AsHashtable } else { [ordered]@{} }
    if (-not $figures.Contains($Section)) { $figures[$Section] = [ordered]@{} }
    $figures[$Section][$Name] = $Value
    $figures | ConvertTo-Json -Depth 10 | Set-Content $file
}

Export-ModuleMember -Function *
