namespace Adsumo;

/// <summary>A voice for voiceovers and talking-avatar scripts. Its id is opaque (not a UUID).</summary>
public sealed class Voice
{
    /// <summary>The voice id, used as a voice id in voiceovers and talking-avatar videos.</summary>
    public string Id { get; set; } = "";

    /// <summary>The display name.</summary>
    public string? Name { get; set; }

    /// <summary>male, female or other.</summary>
    public string? Gender { get; set; }

    /// <summary>kid, young_adult, adult or senior.</summary>
    public string? AgeGroup { get; set; }

    /// <summary>The accent, such as american or british.</summary>
    public string? Accent { get; set; }

    /// <summary>The style, such as professional or casual.</summary>
    public string? Style { get; set; }

    /// <summary>A sample of the voice.</summary>
    public string? PreviewAudioUrl { get; set; }

    /// <inheritdoc />
    public override string ToString() => Name ?? Id;
}
