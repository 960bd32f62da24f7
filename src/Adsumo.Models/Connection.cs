using System;

namespace Adsumo;

/// <summary>
/// A connection to the Adsumo API: where to send requests, which key signs them (shown masked only), and how
/// requests are retried and timed out. Pass it to any cmdlet's -Connection, or let Connect-Adsumo make it the
/// default of the current runspace.
/// </summary>
public sealed class Connection
{
    internal Connection(Uri baseUri, string apiKeyHint, string source, ConnectionSettings settings, object client)
    {
        BaseUri = baseUri;
        ApiKey = apiKeyHint;
        Source = source;
        RequestTimeout = settings.RequestTimeout;
        MaxRetries = settings.MaxRetries;
        RetryTimeout = settings.RetryTimeout;
        ReconcileSettle = settings.ReconcileSettle;
        ReconcileLostSettle = settings.ReconcileLostSettle;
        MaxResends = settings.MaxResends;
        Client = client;
        CreatedAt = DateTimeOffset.Now;
    }

    /// <summary>The API's base URI, such as https://www.adsumo.ai/api/v1.</summary>
    public Uri BaseUri { get; }

    /// <summary>The key, masked to its prefix and last four characters.</summary>
    public string ApiKey { get; }

    /// <summary>Where the connection came from: Connect-Adsumo or the ADSUMO_API_KEY environment variable.</summary>
    public string Source { get; }

    /// <summary>How long one request may take before it is abandoned (and retried when that is safe).</summary>
    public TimeSpan RequestTimeout { get; }

    /// <summary>How many times a transient failure is retried.</summary>
    public int MaxRetries { get; }

    /// <summary>The most time spent on one request, its retries and their waits included.</summary>
    public TimeSpan RetryTimeout { get; }

    /// <summary>How long a creation answered with a 5xx is looked for before it is taken as never made.</summary>
    public TimeSpan ReconcileSettle { get; }

    /// <summary>How long a creation whose connection was reset or timed out is looked for before it is taken as never made.</summary>
    public TimeSpan ReconcileLostSettle { get; }

    /// <summary>How many times a creation found never to have arrived is sent again.</summary>
    public int MaxResends { get; }

    /// <summary>When the connection was made.</summary>
    public DateTimeOffset CreatedAt { get; }

    // The HTTP core's client behind this connection. Typed object because the core loads in its own context and
    // its types must not appear here; internal so that it is never serialized or shown.
    internal object Client { get; }

    /// <inheritdoc />
    public override string ToString() => $"{BaseUri} ({ApiKey})";
}
