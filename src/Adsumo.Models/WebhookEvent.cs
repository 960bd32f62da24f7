using System;

namespace Adsumo;

/// <summary>A notification Adsumo posts to a team's webhook URL when a generation ends.</summary>
public sealed class WebhookEvent
{
    /// <summary>generation.completed or generation.failed.</summary>
    public string? Event { get; internal set; }

    /// <summary>The generation that ended.</summary>
    public string? GenerationId { get; internal set; }

    /// <summary>The generation type.</summary>
    public string? Type { get; internal set; }

    /// <summary>The generation status.</summary>
    public string? Status { get; internal set; }

    /// <summary>The result, when it completed.</summary>
    public string? ResultUrl { get; internal set; }

    /// <summary>Why it failed, when it failed.</summary>
    public string? ErrorMessage { get; internal set; }

    /// <summary>When the generation was submitted.</summary>
    public DateTimeOffset? CreatedAt { get; internal set; }

    /// <summary>When it ended.</summary>
    public DateTimeOffset? CompletedAt { get; internal set; }

    /// <summary>Whether the signature was checked and matched.</summary>
    public bool SignatureVerified { get; internal set; }

    /// <inheritdoc />
    public override string ToString() => $"{Event} {GenerationId}";
}
