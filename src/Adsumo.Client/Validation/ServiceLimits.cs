namespace Adsumo.Client;

/// <summary>
/// The largest values the service accepts, checked before anything is sent so that -WhatIf never promises what the
/// service would refuse. Only the custom avatar name's limit is published; the others are the contract's choices
/// where the docs are silent, and the emulator enforces the same ones (its own copy, as it shares no code with the
/// client: the tests send each limit, and one more, to both).
/// </summary>
public static class ServiceLimits
{
    /// <summary>A custom avatar's name, in characters (documented).</summary>
    public const int AvatarName = 50;

    /// <summary>A product's name, in characters.</summary>
    public const int ProductName = 200;

    /// <summary>A product's category, in characters.</summary>
    public const int ProductCategory = 200;

    /// <summary>A product's or a custom avatar's description, in characters.</summary>
    public const int Description = 5000;

    /// <summary>A prompt, a script, a voiceover's text or an additional prompt, in characters.</summary>
    public const int Text = 5000;

    /// <summary>A voiceover's model name, in characters.</summary>
    public const int ModelName = 200;

    /// <summary>A style template's slug, in characters.</summary>
    public const int StyleId = 100;

    /// <summary>An image or link URL, in characters.</summary>
    public const int Url = 2048;

    /// <summary>Images per request.</summary>
    public const int Quantity = 8;

    /// <summary>An AI video's duration, in seconds.</summary>
    public const int AiVideoSeconds = 60;
}
