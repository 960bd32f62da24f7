namespace Adsumo.Client.Http;

/// <summary>When a request may be sent again after a failure.</summary>
public enum RetrySafety
{
    /// <summary>Reads and deletes: sending twice does no harm, so every transient failure is retried.</summary>
    Idempotent,

    /// <summary>
    /// Creations and anything that spends credits: retried only when the service certainly never acted on it (a
    /// 429, or a connection refused before anything was sent), so nothing is created or charged twice.
    /// </summary>
    OnlyIfNotProcessed,
}
