using System;

namespace Adsumo;

/// <summary>A notification Adsumo posts to a team's webhook URL when a generation ends.</summary>
public sealed class WebhookEvent
{
    /// <summary>generation.completed or generation.failed.</summary>
    public string? Event { get; set; }

    /// <summary>The generation that ended.</summary>
    public string? GenerationId { get; set; }

    /// <summary>The generation type.</summary>
    public string? Type { get; set; }

    /// <summary>The generation status.</summary>
    public string? Status { get; set; }

    /// <summary>The result, when it completed.</summary>
    public string? ResultUrl { get; set; }

    /// <summary>Why it failed, when it failed.</summary>
    public string? ErrorMessage { get; set; }

    /// <summary>When the generation was submitted.</summary>
    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>When it ended.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Whether the signature was checked and matched.</summary>
    public bool SignatureVerified { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"{Event} {GenerationId}";
}
