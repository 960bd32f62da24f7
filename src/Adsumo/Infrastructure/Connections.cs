using System;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using System.Security;
using System.Security.Cryptography;
using System.Text;
using Adsumo.Client;

namespace Adsumo.Infrastructure;

/// <summary>
/// Makes connections and remembers the default one of each runspace, so that parallel runspaces (ForEach-Object
/// -Parallel, runbook jobs) never share or overwrite each other's key.
/// </summary>
internal static class Connections
{
    public const string KeyVariable = "ADSUMO_API_KEY";
    public const string BaseUriVariable = "ADSUMO_BASE_URI";
    public const string FromConnect = "Connect-Adsumo";
    public const string FromEnvironment = "Environment";

    private static readonly ConditionalWeakTable<Runspace, Holder> Defaults = new();
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

    // A global variable that marks which "session" of a runspace the default belongs to. ForEach-Object -Parallel
    // reuses runspaces between iterations and resets their state (ResetRunspaceState clears global variables) but not
    // this module's: a default whose marker is gone was made by an earlier iteration, and must not be used by this
    // one, or an iteration whose own Connect-Adsumo failed would work in another team.
    private const string MarkerVariable = "AdsumoConnectionMarker";

    /// <summary>The current runspace's default connection, as a cmdlet sees it; null when there is none.</summary>
    public static Connection? GetDefault(SessionState state)
    {
        if (Runspace.DefaultRunspace is not { } runspace || !Defaults.TryGetValue(runspace, out var holder) || holder.Connection is null) return null;
        if (!ReferenceEquals(state.PSVariable.GetValue("global:" + MarkerVariable), holder.Marker))
        {
            holder.Connection = null;
            return null;
        }
        return holder.Connection;
    }

    /// <summary>Makes (or, with null, forgets) the current runspace's default connection.</summary>
    public static void SetDefault(SessionState state, Connection? connection)
    {
        var runspace = Runspace.DefaultRunspace ?? throw new InvalidOperationException("There is no current runspace.");
        var holder = Defaults.GetOrCreateValue(runspace);
        holder.Marker = new Marker();
        holder.Connection = connection;
        state.PSVariable.Set("global:" + MarkerVariable, connection is null ? null : holder.Marker);
    }

    /// <summary>
    /// The default connection for tab completion, which has no session state to check the marker against: completion
    /// runs in interactive sessions, never in a reused parallel runspace.
    /// </summary>
    public static Connection? DefaultForCompletion =>
        Runspace.DefaultRunspace is { } runspace && Defaults.TryGetValue(runspace, out var holder) ? holder.Connection : null;

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
            _environmentConnection = Create(Secrets.Protect(key!), baseUri, new ConnectionSettings(), FromEnvironment);
            _environmentFingerprint = fingerprint;
            return _environmentConnection;
        }
    }

    private static string Hash(string text)
    {
        using var sha = SHA256.Create();
        return Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(text)));
    }

    private sealed class Holder
    {
        public Connection? Connection { get; set; }

        public Marker? Marker { get; set; }
    }

    /// <summary>The marker's value: it says what it is to anyone who finds the variable.</summary>
    private sealed class Marker
    {
        public override string ToString() => "Marks the Adsumo module's default connection of this runspace (set by Connect-Adsumo).";
    }
}
