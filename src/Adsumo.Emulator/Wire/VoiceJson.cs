using System;

namespace Adsumo.Emulator.Wire;

internal sealed record VoiceJson(
    string Id, string Name, string Gender, string AgeGroup, string Accent, string Style, string PreviewAudioUrl);

internal sealed record VoiceoverJson(Guid Id, string Status, double Duration, string AudioUrl);
