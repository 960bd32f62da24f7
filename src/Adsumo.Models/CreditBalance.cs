namespace Adsumo;

/// <summary>The team's credits in the current billing period.</summary>
public sealed class CreditBalance
{
    /// <summary>Credits consumed.</summary>
    public long Used { get; set; }

    /// <summary>Credits available for the subscription tier.</summary>
    public long Limit { get; set; }

    /// <summary>Credits still available.</summary>
    public long Remaining { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"{Remaining} of {Limit} credits remaining";
}
