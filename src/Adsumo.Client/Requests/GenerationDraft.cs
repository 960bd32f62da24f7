namespace Adsumo.Client;

/// <summary>A generation to submit: checked before it is sent, priced, and sent once.</summary>
public abstract class GenerationDraft
{
    /// <summary>The endpoint below the base URI.</summary>
    internal abstract string Path { get; }

    /// <summary>Checks every field; throws <see cref="Adsumo.AdsumoInputException"/> on a bad one.</summary>
    public abstract void Validate();

    /// <summary>What it will cost; null when the price of this combination is not published.</summary>
    public abstract CreditEstimate? Estimate();

    /// <summary>A short description for confirmations, such as "image (fast, 1k, 2 images)".</summary>
    public abstract string Describe();

    internal abstract byte[] ToJson();
}
