using System;
using Adsumo.Emulator.State;

namespace Adsumo.Emulator.Wire;

internal sealed record PlatformAvatarJson(
    Guid Id, string Name, string ThumbnailUrl, string Gender, string AgeGroup, string AvatarType);

internal sealed record CustomAvatarJson(
    Guid Id, string Name, string ThumbnailUrl, string? Gender, string? AgeGroup, string AvatarType, string? Description,
    DateTimeOffset CreatedAt)
{
    public static CustomAvatarJson From(CustomAvatar a) =>
        new(a.Id, a.Name, a.ImageUrl, null, null, "custom", a.Description, a.CreatedAt);
}
