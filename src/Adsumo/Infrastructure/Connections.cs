using System;
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

    public static Connection? Default
    {
        get => Runspace.DefaultRunspace is { } runspace && Defaults.TryGetValue(runspace, out var holder) ? holder.Connection : null;
        set
        {
            var runspace = Runspace.DefaultRunspace ?? throw new InvalidOperationException("There is no current runspace.");
            Defaults.GetOrCreateValue(runspace).Connection = value;
        }
    }

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

    private sealed class Holder
    {
        public Connection? Connection { get; set; }
    }
}
