namespace Adsumo;

/// <summary>
/// What one creation would cost, from the published prices, written by the creation cmdlets' -Estimate instead of
/// sending anything. Credits is the most it may cost, so that Measure-Object -Sum Credits bounds a batch.
/// </summary>
public sealed class CostEstimate
{
    /// <summary>The most it may cost, in credits (as CreditsHigh); what -MaxCredits is compared with.</summary>
    public int Credits { get; internal set; }

    /// <summary>The least it may cost, in credits.</summary>
    public int CreditsLow { get; internal set; }

    /// <summary>The most it may cost, in credits.</summary>
    public int CreditsHigh { get; internal set; }

    /// <summary>Whether the price is exact (CreditsLow equals CreditsHigh).</summary>
    public bool Exact { get; internal set; }

    /// <summary>How the figure was reached, such as "1 x fast at 1k" or "a voiceover of unknown length".</summary>
    public string Basis { get; internal set; } = "";

    /// <summary>What would be made, such as "image (fast, 1k, 1:1, 1 image)".</summary>
    public string Request { get; internal set; } = "";

    /// <summary>The pipeline input it was made from (a CSV row, a product), or the main parameter's value.</summary>
    public object? Input { get; internal set; }

    /// <inheritdoc />
    public override string ToString() => $"{Credits} credits: {Request}";
}
