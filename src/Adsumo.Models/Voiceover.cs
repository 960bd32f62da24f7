namespace Adsumo;

/// <summary>Speech made from text; its id can be given to a talking-avatar video instead of a script.</summary>
public sealed class Voiceover
{
    /// <summary>The voiceover id.</summary>
    public string Id { get; internal set; } = "";

    /// <summary>completed once made (voiceovers are synchronous).</summary>
    public string? Status { get; internal set; }

    /// <summary>The length of the audio in seconds.</summary>
    public double? Duration { get; internal set; }

    /// <summary>A presigned URL of the audio, valid for about an hour.</summary>
    public string? AudioUrl { get; internal set; }

    /// <summary>The voice that spoke it.</summary>
    public string? VoiceId { get; internal set; }

    /// <summary>The text that was spoken.</summary>
    public string? Text { get; internal set; }

    /// <summary>Where the audio was saved, when it was.</summary>
    public string? Path { get; internal set; }

    /// <inheritdoc />
    public override string ToString() => Id;
}
