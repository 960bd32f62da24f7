using System.Globalization;

namespace Adsumo.Client;

/// <summary>
/// What a request will cost in credits, from the published prices: a fixed figure, or a range when the price
/// depends on something the module cannot see (the text of a voiceover made elsewhere).
/// </summary>
public sealed class CreditEstimate
{
    private CreditEstimate(int low, int high, string basis)
    {
        Low = low;
        High = high;
        Basis = basis;
    }

    /// <summary>The least it may cost.</summary>
    public int Low { get; }

    /// <summary>The most it may cost; what -MaxCredits is compared with.</summary>
    public int High { get; }

    /// <summary>How the figure was reached, for messages.</summary>
    public string Basis { get; }

    public bool IsExact => Low == High;

    public static CreditEstimate Exactly(int credits, string basis) => new(credits, credits, basis);

    public static CreditEstimate Between(int low, int high, string basis) => new(low, high, basis);

    /// <inheritdoc />
    public override string ToString() => IsExact
        ? string.Format(CultureInfo.InvariantCulture, "{0} credit{1}", High, High == 1 ? "" : "s")
        : string.Format(CultureInfo.InvariantCulture, "{0} to {1} credits", Low, High);
}
