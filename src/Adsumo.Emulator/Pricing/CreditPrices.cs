using System;

namespace Adsumo.Emulator.Pricing;

/// <summary>What each submission costs, from the public docs (ai-video from this project's contract, section 5).</summary>
internal static class CreditPrices
{
    public const int Voiceover = 1;

    /// <summary>20 per started 250 characters, at least 20, at most 160.</summary>
    public static int TalkingAvatar(int scriptLength) =>
        Math.Clamp(20 * ((scriptLength + 249) / 250), 20, 160);

    public static int AiVideo(int durationSeconds) => 10 * durationSeconds;

    /// <summary>Per image times quantity: fast 1/2/2, pro 2/2/4 at 1k/2k/4k; product shots the same.</summary>
    public static int Images(string model, string resolution, int quantity)
    {
        var each = (model, resolution) switch
        {
            ("fast", "1k") => 1,
            ("fast", _) => 2,
            ("pro", "4k") => 4,
            ("pro", _) => 2,
            _ => throw new ArgumentException($"Unknown image model '{model}'.", nameof(model)),
        };
        return each * quantity;
    }
}
