using System;
using System.Collections.Generic;

namespace Adsumo.Client;

/// <summary>The published prices of the Adsumo API, in credits.</summary>
public static class Prices
{
    public const int TalkingAvatarPerBlock = 20;
    public const int TalkingAvatarBlockCharacters = 250;
    public const int TalkingAvatarMinimum = 20;
    public const int TalkingAvatarMaximum = 160;

    /// <summary>An assumption until Adsumo publishes a price for AI videos.</summary>
    public const int AiVideoPerSecond = 10;

    public const int Voiceover = 1;

    private static readonly Dictionary<string, int> ImagePrices = new(StringComparer.OrdinalIgnoreCase)
    {
        ["fast/1k"] = 1, ["fast/2k"] = 2, ["fast/4k"] = 2,
        ["pro/1k"] = 2, ["pro/2k"] = 2, ["pro/4k"] = 4,
    };

    /// <summary>20 credits per started 250 characters of script, at least 20, at most 160.</summary>
    public static CreditEstimate TalkingAvatar(int scriptCharacters)
    {
        var blocks = (scriptCharacters + TalkingAvatarBlockCharacters - 1) / TalkingAvatarBlockCharacters;
        var credits = Math.Min(TalkingAvatarMaximum, Math.Max(TalkingAvatarMinimum, blocks * TalkingAvatarPerBlock));
        return CreditEstimate.Exactly(credits, $"{scriptCharacters} characters of script");
    }

    /// <summary>A talking avatar over a voiceover whose text length is unknown: anywhere in the published range.</summary>
    public static CreditEstimate TalkingAvatarUnknownScript() =>
        CreditEstimate.Between(TalkingAvatarMinimum, TalkingAvatarMaximum, "a voiceover of unknown length");

    public static CreditEstimate AiVideo(int seconds) =>
        CreditEstimate.Exactly(seconds * AiVideoPerSecond, $"{seconds} s at {AiVideoPerSecond} credits a second (assumed)");

    /// <summary>
    /// What a generation costs, from its type and details (as read by id): every generation whose details give the
    /// price is priced, whoever made it; null when they do not.
    /// </summary>
    public static CreditEstimate? ForGeneration(string? type, GenerationDetails? details)
    {
        if (details is null) return null;
        switch (type)
        {
            case "image":
                // The quantity comes from the service: a value outside what can be asked for prices nothing.
                return details.Model is { } model && details.Quantity is null or (>= 1 and <= 1000)
                    ? Image(model, details.Resolution ?? "1k", details.Quantity ?? 1) : null;
            case "ai-video":
                return details.Duration is { } seconds && seconds >= 1 && seconds == Math.Floor(seconds) && seconds <= int.MaxValue / AiVideoPerSecond
                    ? AiVideo((int)seconds) : null;
            case "talking-avatar":
                return details.Script is { } script ? TalkingAvatar(script.Length) : null;
            default:
                return null;
        }
    }

    /// <summary>Per image, times quantity: fast 1/2/2, pro 2/2/4 credits at 1k/2k/4k; null for a model without a published price.</summary>
    public static CreditEstimate? Image(string model, string resolution, int quantity)
    {
        if (!ImagePrices.TryGetValue(model + "/" + resolution, out var each)) return null;
        return CreditEstimate.Exactly(each * quantity, $"{quantity} x {model} at {resolution}");
    }
}
