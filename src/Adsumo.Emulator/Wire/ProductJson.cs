using System;
using Adsumo.Emulator.State;

namespace Adsumo.Emulator.Wire;

internal sealed record ProductJson(
    Guid Id, string Name, string Description, string Category, string ImageUrl, decimal? Price, string Currency,
    string? Link, DateTimeOffset CreatedAt)
{
    public static ProductJson From(Product p) =>
        new(p.Id, p.Name, p.Description, p.Category, p.ImageUrl, p.Price, p.Currency, p.Link, p.CreatedAt);
}

/// <summary>The public docs show <c>POST /products</c> answering <c>image_path</c>; clients must survive it.</summary>
internal sealed record CreatedProductJson(
    Guid Id, string Name, string Description, string Category, string ImagePath, decimal? Price, string Currency,
    string? Link, DateTimeOffset CreatedAt)
{
    public static CreatedProductJson From(Product p) =>
        new(p.Id, p.Name, p.Description, p.Category, p.ImageUrl, p.Price, p.Currency, p.Link, p.CreatedAt);
}
