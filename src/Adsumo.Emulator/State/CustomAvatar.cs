using System;

namespace Adsumo.Emulator.State;

internal sealed record CustomAvatar(Guid Id, string Name, string ImageUrl, string? Description, DateTimeOffset CreatedAt)
    : IHasId;
