using System;

namespace Adsumo;

/// <summary>The output of a creation request (a video, an image or a voiceover video), polled until it ends.</summary>
public sealed class Generation
{
    /// <summary>The generation's UUID. Submit responses and webhooks name it generation_id.</summary>
    public string Id { get; internal set; } = "";

    /// <summary><c>talking-avatar</c>, <c>ai-video</c> or <c>image</c>; a type the module does not know yet is kept as sent.</summary>
    public string? Type { get; internal set; }

    /// <summary><c>processing</c>, <c>completed</c> or <c>failed</c>; a status the module does not know yet is kept as sent.</summary>
    public string? Status { get; internal set; }

    /// <summary>When the generation was submitted.</summary>
    public DateTimeOffset? CreatedAt { get; internal set; }

    /// <summary>When it completed or failed.</summary>
    public DateTimeOffset? CompletedAt { get; internal set; }

    /// <summary>A presigned URL of the result, valid for about an hour after it was issued; null until completed.</summary>
    public string? ResultUrl { get; internal set; }

    /// <summary>Why the generation failed.</summary>
    public string? ErrorMessage { get; internal set; }

    /// <summary>The type-specific details, present when the generation was read by id.</summary>
    public GenerationDetails? Details { get; internal set; }

    /// <summary>The credits the module estimated for this generation when it submitted it, else null.</summary>
    public int? EstimatedCredits { get; internal set; }

    /// <inheritdoc />
    public override string ToString() => Id;
}
