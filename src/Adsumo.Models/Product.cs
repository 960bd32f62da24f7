using System;

namespace Adsumo;

/// <summary>An item the team advertises; referenced by product-shot generations and product avatars.</summary>
public sealed class Product
{
    /// <summary>The product's UUID.</summary>
    public string Id { get; internal set; } = "";

    /// <summary>The product name.</summary>
    public string? Name { get; internal set; }

    /// <summary>A description of the product.</summary>
    public string? Description { get; internal set; }

    /// <summary>The product category, such as Electronics.</summary>
    public string? Category { get; internal set; }

    /// <summary>The product image. The service names it image_url in lists and image_path on creation.</summary>
    public string? ImageUrl { get; internal set; }

    /// <summary>The price, when one was given.</summary>
    public decimal? Price { get; internal set; }

    /// <summary>The ISO 4217 currency code of the price.</summary>
    public string? Currency { get; internal set; }

    /// <summary>A link to the product page.</summary>
    public string? Link { get; internal set; }

    /// <summary>When the product was created.</summary>
    public DateTimeOffset? CreatedAt { get; internal set; }

    /// <inheritdoc />
    public override string ToString() => Name ?? Id;
}
