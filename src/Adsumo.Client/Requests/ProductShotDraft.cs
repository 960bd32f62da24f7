namespace Adsumo.Client;

/// <summary>Product shots: images of one of the team's products in a style template.</summary>
public sealed class ProductShotDraft : GenerationDraft
{
    public string? ProductId { get; set; }
    public string? StyleId { get; set; }
    public string? Model { get; set; }
    public string? AspectRatio { get; set; }
    public int Quantity { get; set; } = 1;
    public string Resolution { get; set; } = Choices.Resolution1k;
    public string? AdditionalPrompt { get; set; }

    internal override string Path => "images/product-shots";

    public override void Validate()
    {
        ProductId = Input.Id(ProductId, nameof(ProductId), "product id");
        StyleId = Input.StyleSlug(StyleId, nameof(StyleId));
        Model = Input.OneOf(Model, Choices.ImageModels, nameof(Model));
        AspectRatio = Input.AspectRatio(AspectRatio, nameof(AspectRatio));
        Input.Range(Quantity, 1, 8, nameof(Quantity));
        Resolution = Input.OneOf(Resolution, Choices.Resolutions, nameof(Resolution));
    }

    // Product shots are priced as text-to-image images: the docs publish no separate price.
    public override CreditEstimate? Estimate() => Prices.Image(Model ?? "", Resolution, Quantity);

    public override string Describe() => $"product shot of {ProductId} ({StyleId}, {Model}, {Resolution}, {AspectRatio}, {Quantity} image{(Quantity == 1 ? "" : "s")})";

    internal override byte[] ToJson() => new JsonBody()
        .Set("product_id", ProductId).Set("style_id", StyleId).Set("model", Model).Set("aspect_ratio", AspectRatio)
        .Set("quantity", Quantity).Set("resolution", Resolution).Set("additional_prompt", AdditionalPrompt)
        .ToBytes();
}
