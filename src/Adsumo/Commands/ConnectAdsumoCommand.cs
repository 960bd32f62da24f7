using System;
using System.Management.Automation;
using System.Security;
using Adsumo.Client;
using Adsumo.Infrastructure;

namespace Adsumo.Commands;

/// <summary>
/// Connects to the Adsumo API with an API key.
/// </summary>
/// <remarks>
/// Checks the key with a request for the team's credit balance (a wrong key fails here, clearly), then makes the
/// connection the default of the current runspace, so later Adsumo cmdlets in this client use it. Other runspaces
/// (ForEach-Object -Parallel, jobs) keep their own. A failed Connect-Adsumo leaves the runspace with no default
/// connection, so that a script never goes on as the team it was connected to before. Without -ApiKey the key comes
/// from the ADSUMO_API_KEY environment variable; without -BaseUri the base URI comes from ADSUMO_BASE_URI, else
/// https://www.adsumo.ai/api/v1.
/// The key is never shown: the connection displays it masked to its prefix and last four characters. A key that
/// does not start with adsumo_sk_ is refused before anything is sent, and plain http is refused unless the host is
/// this machine (as for the local emulator).
/// </remarks>
/// <example>
/// <code>Connect-Adsumo -ApiKey (Read-Host -AsSecureString 'Adsumo API key')</code>
/// <para>Asks for the key without echoing it and connects to Adsumo.</para>
/// </example>
/// <example>
/// <code>$env:ADSUMO_API_KEY = 'adsumo_sk_local_demo_key'; Connect-Adsumo -BaseUri http://127.0.0.1:5080/api/v1 -PassThru</code>
/// <para>Connects to the local emulator with a key from the environment and shows the connection.</para>
/// </example>
/// <example>
/// <code>Connect-Adsumo -ApiKey (Get-AutomationPSCredential -Name Adsumo) -MaxRetries 8 -RequestTimeoutSeconds 60</code>
/// <para>In an Azure Automation runbook: the key is the password of a stored credential; retries and timeouts are tuned.</para>
/// </example>
[Cmdlet(VerbsCommunications.Connect, "Adsumo")]
[OutputType(typeof(Connection))]
public sealed class ConnectAdsumoCommand : AdsumoCmdlet
{
    /// <summary>
    /// The API key (adsumo_sk_...), as a SecureString, a plain string or a PSCredential whose password is the key. Defaults to the ADSUMO_API_KEY environment variable.
    /// </summary>
    [Parameter(Position = 0)]
    [SecretTransformation]
    public SecureString? ApiKey { get; set; }

    /// <summary>
    /// The API's base URI. Defaults to ADSUMO_BASE_URI, else https://www.adsumo.ai/api/v1.
    /// </summary>
    [Parameter(Position = 1)]
    public Uri? BaseUri { get; set; }

    /// <summary>
    /// How long one request may take, in seconds, before it is abandoned (and retried when that is safe). Default 100.
    /// </summary>
    [Parameter]
    [ValidateRange(1.0, 3600.0)]
    public double RequestTimeoutSeconds { get; set; } = ConnectionSettings.DefaultRequestTimeout.TotalSeconds;

    /// <summary>
    /// How many times a transient failure (429, 5xx, a reset or timed-out connection) is retried. Default 5; 0 turns retries off.
    /// </summary>
    [Parameter]
    [ValidateRange(0, 20)]
    public int MaxRetries { get; set; } = ConnectionSettings.DefaultMaxRetries;

    /// <summary>
    /// The most time, in seconds, one request may take with all its retries and their waits. Default 300.
    /// </summary>
    [Parameter]
    [ValidateRange(1.0, 86400.0)]
    public double RetryTimeoutSeconds { get; set; } = ConnectionSettings.DefaultRetryTimeout.TotalSeconds;

    /// <summary>
    /// The first wait before a retry, in seconds; each retry doubles it, with jitter. Default 1.
    /// </summary>
    [Parameter]
    [ValidateRange(0.0, 60.0)]
    public double RetryBaseDelaySeconds { get; set; } = 1;

    /// <summary>
    /// Writes the connection to the pipeline, to pass to -Connection later.
    /// </summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private protected override void End()
    {
        // A failed connect leaves no default behind: the script meant to work as the new key's team, and must not
        // go on as the team connected before.
        Connections.SetDefault(SessionState, null);
        var key = ApiKey ?? KeyFromEnvironment();
        var settings = new ConnectionSettings
        {
            RequestTimeout = TimeSpan.FromSeconds(RequestTimeoutSeconds),
            MaxRetries = MaxRetries,
            RetryTimeout = TimeSpan.FromSeconds(RetryTimeoutSeconds),
            RetryBaseDelay = TimeSpan.FromSeconds(RetryBaseDelaySeconds),
        };
        var connection = Connections.Create(key, BaseUri, settings, Connections.FromConnect);
        var client = Connections.ClientOf(connection);
        try
        {
            var credits = Pump.Run(call => client.GetCreditsAsync(call));
            WriteVerbose($"Connected to {connection.BaseUri} with key {connection.ApiKey}; {credits.Remaining} of {credits.Limit} credits remaining.");
        }
        catch (AdsumoException e)
        {
            ThrowFailure(e, connection.BaseUri, $"Could not connect to {connection.BaseUri} with key {connection.ApiKey}:");
        }
        Connections.SetDefault(SessionState, connection);
        if (PassThru) WriteObject(connection);
    }

    private SecureString KeyFromEnvironment()
    {
        var plain = Environment.GetEnvironmentVariable(Connections.KeyVariable);
        if (string.IsNullOrEmpty(plain))
        {
            ThrowFailure(new AdsumoInputException(ErrorReason.MissingApiKey, nameof(ApiKey),
                $"No API key: pass -ApiKey or set the {Connections.KeyVariable} environment variable."), null);
        }
        return Secrets.Protect(plain!);
    }
}
