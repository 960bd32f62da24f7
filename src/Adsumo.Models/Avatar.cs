using System;

namespace Adsumo;

/// <summary>A face for talking-avatar videos: a platform avatar (for everyone) or one of the team's custom avatars.</summary>
public sealed class Avatar
{
    /// <summary>The avatar's UUID, used as the avatar id of a talking-avatar video.</summary>
    public string Id { get; internal set; } = "";

    /// <summary>The display name.</summary>
    public string? Name { get; internal set; }

    /// <summary><c>platform</c> or <c>custom</c>, as the service says.</summary>
    public string? Type { get; internal set; }

    /// <summary>The avatar's gender, for platform avatars.</summary>
    public string? Gender { get; internal set; }

    /// <summary>The avatar's age group, for platform avatars.</summary>
    public string? AgeGroup { get; internal set; }

    /// <summary>A preview image of the avatar.</summary>
    public string? ThumbnailUrl { get; internal set; }

    /// <summary>The description of a custom avatar.</summary>
    public string? Description { get; internal set; }

    /// <summary>When a custom avatar was created.</summary>
    public DateTimeOffset? CreatedAt { get; internal set; }

    /// <inheritdoc />
    public override string ToString() => Name ?? Id;
}
