using System;

namespace Adsumo.Emulator.State;

internal sealed record Product(
    Guid Id, string Name, string Description, string Category, string ImageUrl, decimal? Price, string Currency,
    string? Link, DateTimeOffset CreatedAt) : IHasId;
