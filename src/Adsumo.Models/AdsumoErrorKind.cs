namespace Adsumo;

/// <summary>What went wrong, in the terms of the module's stable error ids (Adsumo.&lt;Kind&gt;).</summary>
public enum AdsumoErrorKind
{
    /// <summary>The service refused the request as malformed (400).</summary>
    InvalidRequest,

    /// <summary>The key is missing, malformed or unknown (401).</summary>
    Unauthorized,

    /// <summary>The team's tier does not allow API access, or the action is not allowed (403).</summary>
    Forbidden,

    /// <summary>The team has too few credits left (402).</summary>
    InsufficientCredits,

    /// <summary>The resource does not exist or belongs to another team (404).</summary>
    NotFound,

    /// <summary>The resource is in use or in a conflicting state (409).</summary>
    Conflict,

    /// <summary>Too many requests, still refused after the retries (429).</summary>
    RateLimited,

    /// <summary>The service failed (5xx), still after the retries.</summary>
    ServerError,

    /// <summary>Another HTTP status the module does not map.</summary>
    HttpError,

    /// <summary>The answer could not be read: not JSON, truncated, of the wrong shape, too large, or a redirect the module does not follow.</summary>
    InvalidResponse,

    /// <summary>The service did not answer in time.</summary>
    Timeout,

    /// <summary>The connection failed or was reset.</summary>
    NetworkError,

    /// <summary>A generation ended in failure.</summary>
    GenerationFailed,

    /// <summary>A wait ran out of time with the generation still processing.</summary>
    WaitTimeout,

    /// <summary>A result file could not be downloaded.</summary>
    DownloadFailed,

    /// <summary>A file could not be written on this machine (a full disk, a name too long, no permission); not retried.</summary>
    FileWriteFailed,

    /// <summary>Something the module did not foresee; the original exception is the inner exception.</summary>
    Unexpected,
}
