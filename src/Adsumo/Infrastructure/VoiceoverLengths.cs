using System;
using System.Collections.Concurrent;

namespace Adsumo.Infrastructure;

/// <summary>
/// The text lengths of the voiceovers this process made, so a talking-avatar video over one of them is priced
/// exactly rather than across the whole published range.
/// </summary>
internal static class VoiceoverLengths
{
    private static readonly ConcurrentDictionary<string, int> Lengths = new(StringComparer.OrdinalIgnoreCase);

    public static void Remember(string voiceoverId, int characters) => Lengths[voiceoverId] = characters;

    public static int? Find(string voiceoverId) => Lengths.TryGetValue(voiceoverId.Trim(), out var length) ? length : null;
}
