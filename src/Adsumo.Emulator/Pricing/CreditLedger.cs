using System;
using Adsumo.Emulator.Http;
using Adsumo.Emulator.State;

namespace Adsumo.Emulator.Pricing;

/// <summary>Charges happen under the team's lock, together with what they pay for, so nothing is half done.</summary>
internal static class CreditLedger
{
    /// <summary>Never below 0, even when the limit was lowered under what a team already used.</summary>
    public static int Remaining(Team team, int limit) => Math.Max(0, limit - team.CreditsUsed);

    /// <summary>Charges the price or throws the 402; the caller holds the team's lock.</summary>
    public static void Charge(Team team, int price, int limit)
    {
        var remaining = Remaining(team, limit);
        if (price > remaining) throw ApiErrors.InsufficientCredits(price, remaining);
        team.CreditsUsed += price;
    }
}
