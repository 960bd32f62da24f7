using System;

namespace Adsumo;

/// <summary>An item the team advertises; referenced by product-shot generations and product avatars.</summary>
public sealed class Product
{
    /// <summary>The product's UUID.</summary>
    public string Id { get; set; } = "";

    /// <summary>The product name.</summary>
    public string? Name { get; set; }

    /// <summary>A description of the product.</summary>
    public string? Description { get; set; }

    /// <summary>The product category, such as Electronics.</summary>
    public string? Category { get; set; }

    /// <summary>The product image. The service names it image_url in lists and image_path on creation.</summary>
    public string? ImageUrl { get; set; }

    /// <summary>The price, when one was given.</summary>
    public decimal? Price { get; set; }

    /// <summary>The ISO 4217 currency code of the price.</summary>
    public string? Currency { get; set; }

    /// <summary>A link to the product page.</summary>
    public string? Link { get; set; }

    /// <summary>When the product was created.</summary>
    public DateTimeOffset? CreatedAt { get; set; }

    /// <inheritdoc />
    public override string ToString() => Name ?? Id;
}
