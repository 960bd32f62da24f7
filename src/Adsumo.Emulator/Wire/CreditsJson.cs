namespace Adsumo.Emulator.Wire;

internal sealed record CreditsJson(int CreditsUsed, int CreditsLimit, int CreditsRemaining);
