using System;

namespace Adsumo;

/// <summary>
/// A failure of a call to the Adsumo API, with what the service said about it. The cmdlets turn it into an error
/// record whose id is Adsumo.&lt;Kind&gt;.
/// </summary>
public class AdsumoException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AdsumoException(AdsumoErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>What went wrong.</summary>
    public AdsumoErrorKind Kind { get; }

    /// <summary>The HTTP status of the answer, when there was one.</summary>
    public int? StatusCode { get; internal set; }

    /// <summary>The service's error code, such as not_found.</summary>
    public string? ErrorCode { get; internal set; }

    /// <summary>The request field the service found wrong.</summary>
    public string? Param { get; internal set; }

    /// <summary>The request id, to quote to Adsumo support.</summary>
    public string? RequestId { get; internal set; }

    /// <summary>How many attempts were made.</summary>
    public int Attempts { get; internal set; } = 1;

    /// <summary>The seconds the service asked to wait before trying again, when it said.</summary>
    public double? RetryAfterSeconds { get; internal set; }

    /// <summary>
    /// True when the request creates something or spends credits and may have been carried out though no answer
    /// said so (a 5xx, a dropped connection, a timeout, an unreadable answer, or a creation whose outcome could not
    /// be decided). False when it certainly made nothing, as after a 4xx, a 429, a refused connection, or a lost
    /// answer that reconciliation found had made nothing.
    /// </summary>
    public bool MayHaveBeenCreated { get; internal set; }

    /// <summary>The ids of the generations that match a creation whose outcome is ambiguous; empty otherwise.</summary>
    public string[] CandidateIds { get; internal set; } = [];

    /// <summary>The stable error id: Adsumo.&lt;Kind&gt;.</summary>
    public string ErrorId => "Adsumo." + Kind;
}
