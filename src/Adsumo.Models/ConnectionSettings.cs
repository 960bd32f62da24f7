using System;

namespace Adsumo;

/// <summary>How a connection retries and times out its requests.</summary>
public sealed class ConnectionSettings
{
    /// <summary>The default time one request may take: 100 seconds, as HttpClient's own default.</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(100);

    /// <summary>The default number of retries of a transient failure: 5, so at most 6 attempts.</summary>
    public const int DefaultMaxRetries = 5;

    /// <summary>The default bound on one request with all its retries and waits: 5 minutes.</summary>
    public static readonly TimeSpan DefaultRetryTimeout = TimeSpan.FromMinutes(5);

    /// <summary>How long one attempt may take.</summary>
    public TimeSpan RequestTimeout { get; internal set; } = DefaultRequestTimeout;

    /// <summary>How many times a transient failure is retried; 0 turns retries off.</summary>
    public int MaxRetries { get; internal set; } = DefaultMaxRetries;

    /// <summary>The bound on one request with all its retries and waits.</summary>
    public TimeSpan RetryTimeout { get; internal set; } = DefaultRetryTimeout;

    /// <summary>The first backoff delay; each retry doubles it, with jitter, up to 30 seconds.</summary>
    public TimeSpan RetryBaseDelay { get; internal set; } = TimeSpan.FromSeconds(1);
}
