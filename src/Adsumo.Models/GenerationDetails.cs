using System.Collections.Generic;
using System.Globalization;

namespace Adsumo;

/// <summary>The type-specific details of a generation; fields that do not apply to its type are null.</summary>
public sealed class GenerationDetails
{
    /// <summary>The prompt of an AI video or image.</summary>
    public string? Prompt { get; internal set; }

    /// <summary>The model that made it.</summary>
    public string? Model { get; internal set; }

    /// <summary>The aspect ratio, such as 9:16.</summary>
    public string? AspectRatio { get; internal set; }

    /// <summary>The image resolution: 1k, 2k or 4k.</summary>
    public string? Resolution { get; internal set; }

    /// <summary>How many images were asked for.</summary>
    public int? Quantity { get; internal set; }

    /// <summary>The video duration in seconds.</summary>
    public double? Duration { get; internal set; }

    /// <summary>The avatar of a talking-avatar video.</summary>
    public string? AvatarId { get; internal set; }

    /// <summary>The kind of that avatar: platform, custom or product.</summary>
    public string? AvatarType { get; internal set; }

    /// <summary>The script a talking avatar speaks.</summary>
    public string? Script { get; internal set; }

    /// <summary>The voice of the script.</summary>
    public string? VoiceId { get; internal set; }

    /// <summary>The voiceover used instead of a script.</summary>
    public string? VoiceoverId { get; internal set; }

    /// <summary>The video template.</summary>
    public string? Template { get; internal set; }

    /// <summary>The lip-sync model.</summary>
    public string? LipsyncModel { get; internal set; }

    /// <summary>The product of a product shot.</summary>
    public string? ProductId { get; internal set; }

    /// <summary>The style template of a product shot.</summary>
    public string? StyleId { get; internal set; }

    /// <summary>The extra prompt of a product shot.</summary>
    public string? AdditionalPrompt { get; internal set; }

    /// <summary>The fields that are set, as "Name: value" pairs, so that Format-List and Export-Csv show the details, not the type name.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        void Add(string name, object? value)
        {
            if (value is not null) parts.Add(name + ": " + System.Convert.ToString(value, CultureInfo.InvariantCulture));
        }
        Add(nameof(Model), Model);
        Add(nameof(AspectRatio), AspectRatio);
        Add(nameof(Resolution), Resolution);
        Add(nameof(Quantity), Quantity);
        Add(nameof(Duration), Duration);
        Add(nameof(AvatarId), AvatarId);
        Add(nameof(AvatarType), AvatarType);
        Add(nameof(VoiceId), VoiceId);
        Add(nameof(VoiceoverId), VoiceoverId);
        Add(nameof(Template), Template);
        Add(nameof(LipsyncModel), LipsyncModel);
        Add(nameof(ProductId), ProductId);
        Add(nameof(StyleId), StyleId);
        Add(nameof(Prompt), Prompt);
        Add(nameof(AdditionalPrompt), AdditionalPrompt);
        Add(nameof(Script), Script);
        return string.Join("; ", parts);
    }
}
