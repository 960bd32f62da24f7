using System;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Security;
using System.Security.Cryptography;
using System.Text;
using Adsumo.Client;

namespace Adsumo.Infrastructure;

/// <summary>
/// Makes connections and remembers the default one of each runspace, so that parallel runspaces (ForEach-Object
/// -Parallel, runbook jobs) never share or overwrite each other's key. The default lives in the runspace's session
/// state, as a global variable: whatever resets a runspace for reuse (ForEach-Object -Parallel between iterations,
/// hosts such as Azure Functions between invocations) forgets it with everything else, so an iteration never runs
/// as the team an earlier iteration connected to.
/// </summary>
internal static class Connections
{
    public const string KeyVariable = "ADSUMO_API_KEY";
    public const string BaseUriVariable = "ADSUMO_BASE_URI";
    public const string FromConnect = "Connect-Adsumo";
    public const string FromEnvironment = "Environment";

    /// <summary>The global variable that holds the runspace's default connection.</summary>
    public const string DefaultVariable = "__AdsumoDefaultConnection";

    private static readonly object EnvironmentGate = new();
    private static string? _environmentFingerprint;
    private static Connection? _environmentConnection;

    /// <summary>Checks the key and base URI (nothing is sent) and makes a connection.</summary>
    public static Connection Create(SecureString key, Uri? baseUri, ConnectionSettings settings, string source)
    {
        var apiKey = ApiKey.From(key, "ApiKey");
        var client = new AdsumoClient(baseUri ?? DefaultBaseUri(), apiKey, settings);
        return new Connection(new Uri(client.BaseUri.AbsoluteUri.TrimEnd('/')), apiKey.Hint, source, settings, client);
    }

    public static AdsumoClient ClientOf(Connection connection) => (AdsumoClient)connection.Client;

    /// <summary>ADSUMO_BASE_URI when set, else Adsumo's own API.</summary>
    public static Uri DefaultBaseUri()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(BaseUriVariable);
        if (string.IsNullOrWhiteSpace(fromEnvironment)) return Endpoint.DefaultBaseUri;
        if (!Uri.TryCreate(fromEnvironment!.Trim(), UriKind.Absolute, out var uri))
            throw new AdsumoInputException(ErrorReason.InvalidBaseUri, BaseUriVariable, $"The {BaseUriVariable} environment variable is not an absolute URI.");
        return uri;
    }

    /// <summary>The default connection of the runspace whose session state this is; null when there is none.</summary>
    public static Connection? DefaultIn(SessionState state) => AsConnection(state.PSVariable.GetValue("global:" + DefaultVariable));

    /// <summary>Makes <paramref name="connection"/> (or none) the default of the runspace whose session state this is.</summary>
    public static void SetDefault(SessionState state, Connection? connection) => state.PSVariable.Set("global:" + DefaultVariable, connection);

    /// <summary>
    /// The current runspace's default connection, for code that has no session state at hand (an argument
    /// completer, which runs on the pipeline thread, where a nested pipeline may read it).
    /// </summary>
    public static Connection? DefaultOfCurrentRunspace()
    {
        if (Runspace.DefaultRunspace is null) return null;
        using var shell = PowerShell.Create(RunspaceMode.CurrentRunspace);
        var values = shell.AddCommand("Get-Variable").AddParameter("Name", DefaultVariable).AddParameter("Scope", "Global")
            .AddParameter("ValueOnly").AddParameter("ErrorAction", ActionPreference.Ignore).Invoke();
        return values.Count == 0 ? null : AsConnection(values[0]);
    }

    private static Connection? AsConnection(object? value) => (value is PSObject wrapped ? wrapped.BaseObject : value) as Connection;

    /// <summary>
    /// The connection the ADSUMO_API_KEY and ADSUMO_BASE_URI variables describe, made once and reused while they
    /// stay the same; null when no key is set.
    /// </summary>
    public static Connection? FromEnvironmentVariables()
    {
        var key = Environment.GetEnvironmentVariable(KeyVariable);
        if (string.IsNullOrEmpty(key)) return null;
        var baseUri = DefaultBaseUri();
        // Compared by a hash, so the key itself is not kept in yet another place.
        var fingerprint = Hash(key + "\n" + baseUri.AbsoluteUri);
        lock (EnvironmentGate)
        {
            if (_environmentConnection is not null && _environmentFingerprint == fingerprint) return _environmentConnection;
            var secure = new SecureString();
            foreach (var c in key!) secure.AppendChar(c);
            _environmentConnection = Create(secure, baseUri, new ConnectionSettings(), FromEnvironment);
            _environmentFingerprint = fingerprint;
            return _environmentConnection;
        }
    }

    private static string Hash(string text)
    {
        using var sha = SHA256.Create();
        return Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(text)));
    }
}
