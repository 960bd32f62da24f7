namespace Adsumo.Client;

/// <summary>Images from a prompt.</summary>
public sealed class ImageDraft : GenerationDraft
{
    public string? Prompt { get; set; }
    public string? Model { get; set; }
    public string? AspectRatio { get; set; }
    public int Quantity { get; set; } = 1;
    public string Resolution { get; set; } = Choices.Resolution1k;

    internal override string Path => "images/text-to-image";

    public override void Validate()
    {
        Prompt = Input.Required(Prompt, nameof(Prompt));
        Model = Input.OneOf(Model, Choices.ImageModels, nameof(Model));
        AspectRatio = Input.AspectRatio(AspectRatio, nameof(AspectRatio));
        Input.Range(Quantity, 1, 8, nameof(Quantity));
        Resolution = Input.OneOf(Resolution, Choices.Resolutions, nameof(Resolution));
    }

    public override CreditEstimate? Estimate() => Prices.Image(Model ?? "", Resolution, Quantity);

    public override string Describe() => $"image ({Model}, {Resolution}, {AspectRatio}, {Quantity} image{(Quantity == 1 ? "" : "s")})";

    internal override byte[] ToJson() => new JsonBody()
        .Set("prompt", Prompt).Set("model", Model).Set("aspect_ratio", AspectRatio).Set("quantity", Quantity).Set("resolution", Resolution)
        .ToBytes();
}
