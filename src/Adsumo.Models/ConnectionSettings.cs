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

    /// <summary>The default settle time after a 5xx or 408 answer to a creation: 5 seconds.</summary>
    public static readonly TimeSpan DefaultReconcileSettle = TimeSpan.FromSeconds(5);

    /// <summary>The default settle time after a creation's connection was reset or timed out: 30 seconds.</summary>
    public static readonly TimeSpan DefaultReconcileLostSettle = TimeSpan.FromSeconds(30);

    /// <summary>The default number of times a creation found never to have arrived is sent again: 2.</summary>
    public const int DefaultMaxResends = 2;

    /// <summary>How long one attempt may take.</summary>
    public TimeSpan RequestTimeout { get; internal set; } = DefaultRequestTimeout;

    /// <summary>How many times a transient failure is retried; 0 turns retries off.</summary>
    public int MaxRetries { get; internal set; } = DefaultMaxRetries;

    /// <summary>The bound on one request with all its retries and waits.</summary>
    public TimeSpan RetryTimeout { get; internal set; } = DefaultRetryTimeout;

    /// <summary>The first backoff delay; each retry doubles it, with jitter, up to 30 seconds.</summary>
    public TimeSpan RetryBaseDelay { get; internal set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// After a creation is answered with a 5xx or 408, how long the module looks for the generation it may have
    /// made before concluding that it never arrived (and sending it again).
    /// </summary>
    public TimeSpan ReconcileSettle { get; internal set; } = DefaultReconcileSettle;

    /// <summary>
    /// The same after a reset connection, a timeout or an unreadable answer, when the service may still be at work.
    /// </summary>
    public TimeSpan ReconcileLostSettle { get; internal set; } = DefaultReconcileLostSettle;

    /// <summary>How many times a creation that reconciliation found never arrived is sent again; 0: never.</summary>
    public int MaxResends { get; internal set; } = DefaultMaxResends;

    /// <summary>
    /// How far before its sending (on the service's clock, estimated from its Date header) a generation may be
    /// stamped and still be taken for a creation's: covers whole-second timestamps and the estimate's error.
    /// </summary>
    public TimeSpan ReconcileClockMargin { get; internal set; } = TimeSpan.FromSeconds(5);
}
