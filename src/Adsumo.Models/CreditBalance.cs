namespace Adsumo;

/// <summary>The team's credits in the current billing period.</summary>
public sealed class CreditBalance
{
    /// <summary>Credits consumed.</summary>
    public long Used { get; internal set; }

    /// <summary>Credits available for the subscription tier.</summary>
    public long Limit { get; internal set; }

    /// <summary>Credits still available.</summary>
    public long Remaining { get; internal set; }

    /// <inheritdoc />
    public override string ToString() => $"{Remaining} of {Limit} credits remaining";
}
