namespace Adsumo.Client;

/// <summary>
/// The values the API allows for its enumerated fields, each written once: the cmdlets' ValidateSet attributes (which
/// take constants) and the drafts' checks both read them from here.
/// </summary>
public static class Choices
{
    public const string Fast = "fast";
    public const string Pro = "pro";

    /// <summary>The image models, for text-to-image and product shots.</summary>
    public static readonly string[] ImageModels = [Fast, Pro];

    public const string Resolution1k = "1k";
    public const string Resolution2k = "2k";
    public const string Resolution4k = "4k";

    /// <summary>The image resolutions.</summary>
    public static readonly string[] Resolutions = [Resolution1k, Resolution2k, Resolution4k];

    public const string Sora2 = "sora-2";
    public const string Sora2Pro = "sora-2-pro";
    public const string Veo31 = "veo-3.1";
    public const string Veo31Fast = "veo-3.1-fast";
    public const string Kling26 = "kling-2.6";

    /// <summary>The AI video models.</summary>
    public static readonly string[] VideoModels = [Sora2, Sora2Pro, Veo31, Veo31Fast, Kling26];

    // Spelled as PowerShell users see them (as Get-AdsumoAvatar -Type spells them); sent in lower case.
    public const string Platform = "Platform";
    public const string Custom = "Custom";
    public const string Product = "Product";

    /// <summary>The kinds of avatar a talking-avatar video can use.</summary>
    public static readonly string[] AvatarTypes = [Platform, Custom, Product];

    public const string HeygenAvatar4 = "heygen-avatar4";
    public const string Lipsync20 = "lipsync-2.0";

    /// <summary>The lip-sync models of talking-avatar videos.</summary>
    public static readonly string[] LipsyncModels = [HeygenAvatar4, Lipsync20];
}
