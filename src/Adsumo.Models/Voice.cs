namespace Adsumo;

/// <summary>A voice for voiceovers and talking-avatar scripts. Its id is opaque (not a UUID).</summary>
public sealed class Voice
{
    /// <summary>The voice id, used as a voice id in voiceovers and talking-avatar videos.</summary>
    public string Id { get; internal set; } = "";

    /// <summary>The display name.</summary>
    public string? Name { get; internal set; }

    /// <summary>male, female or other.</summary>
    public string? Gender { get; internal set; }

    /// <summary>kid, young_adult, adult or senior.</summary>
    public string? AgeGroup { get; internal set; }

    /// <summary>The accent, such as american or british.</summary>
    public string? Accent { get; internal set; }

    /// <summary>The style, such as professional or casual.</summary>
    public string? Style { get; internal set; }

    /// <summary>A sample of the voice.</summary>
    public string? PreviewAudioUrl { get; internal set; }

    /// <inheritdoc />
    public override string ToString() => Name ?? Id;
}
