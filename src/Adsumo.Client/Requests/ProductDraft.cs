namespace Adsumo.Client;

/// <summary>A product to create, checked before it is sent.</summary>
public sealed class ProductDraft
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? Category { get; set; }
    public string? ImageUrl { get; set; }
    public decimal? Price { get; set; }
    public string? Currency { get; set; }
    public string? Link { get; set; }

    /// <summary>Checks every field; throws <see cref="Adsumo.AdsumoInputException"/> on the first bad one.</summary>
    public void Validate()
    {
        Name = Input.Name(Name, nameof(Name), ServiceLimits.ProductName);
        Description = Input.Text(Description, nameof(Description), ServiceLimits.Description);
        Category = Input.Text(Category, nameof(Category), ServiceLimits.ProductCategory);
        ImageUrl = Input.Url(ImageUrl, nameof(ImageUrl));
        if (Price is { } price) Input.Price(price, nameof(Price));
        if (Currency is not null) Currency = Input.Currency(Currency, nameof(Currency));
        if (Link is not null) Link = Input.Url(Link, nameof(Link));
    }

    internal byte[] ToJson() => new JsonBody()
        .Set("name", Name).Set("description", Description).Set("category", Category).Set("image_url", ImageUrl)
        .Set("price", Price).Set("currency", Currency).Set("link", Link)
        .ToBytes();
}
