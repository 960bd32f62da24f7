using System;

namespace Adsumo.Emulator.State;

internal sealed record Voiceover(Guid Id, string Text, string VoiceId, string? Model, double Duration, DateTimeOffset CreatedAt)
    : IHasId
{
    /// <summary>Speech at about 15 characters a second, to one decimal, never 0.</summary>
    public static double DurationOf(string text) =>
        Math.Max(0.1, Math.Round(text.Length / 15.0, 1, MidpointRounding.AwayFromZero));
}
