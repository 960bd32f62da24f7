namespace Adsumo.Emulator.Faults;

/// <summary>The faults to inject: fractions of requests per kind (summing to at most 1), and when they strike.</summary>
internal sealed record FaultSettings(
    double ErrorRate = 0,
    double RateLimitRate = 0,
    int RetryAfterSeconds = 1,
    double ResetRate = 0,
    int LatencyMs = 0,
    double MalformedRate = 0,
    int? Seed = null,
    string Timing = FaultTimings.Before,
    string[]? Methods = null)
{
    public static readonly FaultSettings None = new();

    /// <summary>The HTTP methods that may be faulted: all when null, so that a test can fault creations only.</summary>
    public static readonly string[] KnownMethods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"];

    public bool Covers(string method) => Methods is null || System.Array.IndexOf(Methods, method) >= 0;

    public double TotalRate => ErrorRate + RateLimitRate + ResetRate + MalformedRate;
}

internal static class FaultTimings
{
    /// <summary>The fault replaces the request: nothing is processed.</summary>
    public const string Before = "before";

    /// <summary>The request is processed, then the fault replaces its response: a lost response.</summary>
    public const string After = "after";

    /// <summary>Each fault picks before or after at random.</summary>
    public const string Mixed = "mixed";

    public static readonly string[] All = [Before, After, Mixed];
}

internal enum FaultKind
{
    None,
    Error,
    RateLimit,
    Reset,
    Malformed,
}

/// <summary>What one request drew.</summary>
internal readonly record struct FaultPlan(FaultKind Kind, bool AfterProcessing, int LatencyMs, int RetryAfterSeconds)
{
    /// <summary>The name the request log shows.</summary>
    public string? LogName => Kind switch
    {
        FaultKind.Error => "error",
        FaultKind.RateLimit => "rate_limit",
        FaultKind.Reset => "reset",
        FaultKind.Malformed => "malformed",
        _ => null,
    };
}
