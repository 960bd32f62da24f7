namespace Adsumo.Client;

/// <summary>A custom avatar to create from a face image, checked before it is sent.</summary>
public sealed class AvatarDraft
{
    public string? Name { get; set; }
    public string? ImageUrl { get; set; }
    public string? Description { get; set; }

    public void Validate()
    {
        Name = Input.Name(Name, nameof(Name), ServiceLimits.AvatarName);
        ImageUrl = Input.Url(ImageUrl, nameof(ImageUrl));
        Description = Input.OptionalText(Description, nameof(Description), ServiceLimits.Description);
    }

    internal byte[] ToJson() => new JsonBody().Set("name", Name).Set("image_url", ImageUrl).Set("description", Description).ToBytes();
}
