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

    /// <summary>The request's identity (endpoint and canonical body), as journals and reconciliation know it.</summary>
    public RequestIdentity Identity() => RequestIdentity.Of(Path, ToJson());

    /// <summary>The type of the generation it makes, as the service lists it.</summary>
    internal abstract string GenerationType { get; }

    /// <summary>
    /// Whether a generation's details say it was made by this request. A field the service leaves out of the
    /// details is not held against it, but the request's main subject (prompt, script, product, avatar or
    /// voiceover) must be there and equal.
    /// </summary>
    internal abstract bool Matches(GenerationDetails details);

    /// <summary>Equal when both are given; a value missing on either side (a service default) is not a difference.</summary>
    private protected static bool Compatible(string? ours, string? theirs) =>
        ours is null || theirs is null || string.Equals(ours, theirs, System.StringComparison.Ordinal);

    /// <summary>Equal, a missing value counting as empty: for texts the service echoes as sent.</summary>
    private protected static bool Same(string? ours, string? theirs) =>
        string.Equals(ours ?? "", theirs ?? "", System.StringComparison.Ordinal);

    /// <summary>The same id (UUIDs compare without regard to case); both must be given.</summary>
    private protected static bool SameId(string? ours, string? theirs) =>
        ours is not null && theirs is not null && string.Equals(ours, theirs, System.StringComparison.OrdinalIgnoreCase);

    private protected static bool Compatible(int ours, int? theirs) => theirs is null || theirs == ours;
}
