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
/// connection, so that a script never goes on as the team it was connected to before. Without -ApiKey the key comes from the ADSUMO_API_KEY environment
/// variable; without -BaseUri the base URI comes from ADSUMO_BASE_URI, else https://www.adsumo.ai/api/v1.
/// The key is never shown: the connection displays it masked to its prefix and last four characters. Its form is
/// checked before anything is sent: a key that does not start with adsumo_sk_, has nothing after it, holds spaces or
/// characters outside printable ASCII, or is longer than 256 characters is refused with Adsumo.InvalidApiKey. Only
/// the service knows whether a well-formed key is one of its own: that is what the one request for the balance
/// learns (Adsumo.Unauthorized when it is not). Plain http is refused unless the host is this machine (as for the
/// local emulator).
/// The base URI is the API's root and ends in /api/v1: one with no path (https://www.adsumo.ai) is refused before
/// anything is sent, and one whose check request is answered 404 or with something that is not the API's JSON says
/// where the API is (did you mean .../api/v1?).
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
    /// When a creation is answered with a 5xx or 408, how long (in seconds) the module looks for the generation it
    /// may have made before concluding that it never arrived and sending it again. Default 5.
    /// </summary>
    [Parameter]
    [ValidateRange(0.0, 3600.0)]
    public double ReconcileSettleSeconds { get; set; } = ConnectionSettings.DefaultReconcileSettle.TotalSeconds;

    /// <summary>
    /// The same after a reset connection, a timeout or an unreadable answer, when the service may still be at work.
    /// Default 30.
    /// </summary>
    [Parameter]
    [ValidateRange(0.0, 3600.0)]
    public double ReconcileLostSettleSeconds { get; set; } = ConnectionSettings.DefaultReconcileLostSettle.TotalSeconds;

    /// <summary>
    /// How many times a creation that reconciliation found never arrived is sent again. Default 2; 0 reports it instead.
    /// </summary>
    [Parameter]
    [ValidateRange(0, 20)]
    public int MaxResends { get; set; } = ConnectionSettings.DefaultMaxResends;

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
            ReconcileSettle = TimeSpan.FromSeconds(ReconcileSettleSeconds),
            ReconcileLostSettle = TimeSpan.FromSeconds(ReconcileLostSettleSeconds),
            MaxResends = MaxResends,
        };
        var connection = Connections.Create(key, BaseUri, settings, Connections.FromConnect);
        var baseUri = connection.BaseUri;
        if (baseUri.AbsolutePath == "/")
        {
            ThrowFailure(new AdsumoInputException(ErrorReason.InvalidBaseUri, nameof(BaseUri),
                $"The base URI {baseUri} has no path. {ApiPathHint(baseUri)}"), baseUri);
        }
        var client = Connections.ClientOf(connection);
        try
        {
            var credits = Pump.Run(call => client.GetCreditsAsync(call));
            WriteVerbose($"Connected to {baseUri} with key {connection.ApiKey}; {credits.Remaining} of {credits.Limit} credits remaining.");
        }
        catch (AdsumoException e)
        {
            var record = ErrorRecords.From(e, baseUri, $"Could not connect to {baseUri} with key {connection.ApiKey}:");
            // A wrong path answers 404, or a web page instead of JSON: say where the API lives.
            if (e.Kind is AdsumoErrorKind.NotFound or AdsumoErrorKind.InvalidResponse or AdsumoErrorKind.HttpError
                && !baseUri.AbsolutePath.TrimEnd('/').EndsWith(ApiPath, StringComparison.OrdinalIgnoreCase))
            {
                var hint = ApiPathHint(baseUri);
                record.ErrorDetails = new ErrorDetails(record.ErrorDetails.Message + " " + hint) { RecommendedAction = hint };
            }
            ThrowTerminatingError(record);
        }
        Connections.SetDefault(SessionState, connection);
        if (PassThru) WriteObject(connection);
    }

    private const string ApiPath = "/api/v1";

    private static string ApiPathHint(Uri baseUri)
    {
        var suggestion = new Uri(baseUri, ApiPath);
        var adsumo = Adsumo.Client.Endpoint.DefaultBaseUri;
        return $"The base URI is the API's root, which ends in {ApiPath}: did you mean {suggestion}?" + (suggestion == adsumo ? "" : $" (Adsumo's own is {adsumo}.)");
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
