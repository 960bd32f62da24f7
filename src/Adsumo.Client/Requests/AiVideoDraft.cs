namespace Adsumo.Client;

/// <summary>An AI video from a prompt.</summary>
public sealed class AiVideoDraft : GenerationDraft
{
    /// <summary>The duration sent when none is given, so that the price is known before sending.</summary>
    public const int DefaultDuration = 10;

    public string? Prompt { get; set; }
    public string? Model { get; set; }
    public string? AspectRatio { get; set; }
    public int Duration { get; set; } = DefaultDuration;

    internal override string Path => "videos/ai-video";

    public override void Validate()
    {
        Prompt = Input.Required(Prompt, nameof(Prompt));
        Model = Input.OneOf(Model, Choices.VideoModels, nameof(Model));
        if (AspectRatio is not null) AspectRatio = Input.AspectRatio(AspectRatio, nameof(AspectRatio));
        Input.Range(Duration, 1, 600, nameof(Duration));
    }

    public override CreditEstimate Estimate() => Prices.AiVideo(Duration);

    public override string Describe() => $"AI video ({Model}, {Duration} s{(AspectRatio is null ? "" : ", " + AspectRatio)})";

    internal override byte[] ToJson() => new JsonBody()
        .Set("prompt", Prompt).Set("model", Model).Set("aspect_ratio", AspectRatio).Set("duration", Duration)
        .ToBytes();
}
