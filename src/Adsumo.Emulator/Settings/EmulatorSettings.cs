using System;

namespace Adsumo.Emulator.Settings;

/// <summary>
/// What a running emulator lets a test change through <c>PUT /_emulator/settings</c>; the command line gives the
/// start-up values, which a reset returns to.
/// </summary>
public sealed record EmulatorSettings
{
    public const int MaxCredits = 1_000_000_000;
    public const double MaxGenerationSeconds = 30 * 24 * 3600;
    public const int MaxUrlTtlSeconds = 365 * 24 * 3600;
    // The smallest file still holds each type's whole header, so a file always starts with real magic bytes.
    public const long MinResultBytes = 128;
    public const long MaxResultBytes = 1L << 40;
    public const int MaxRateLimit = 1_000_000;

    /// <summary>Each team's credit limit.</summary>
    public int Credits { get; init; } = 600;

    /// <summary>How long a new generation stays processing; -1 keeps it processing until the control API ends it.</summary>
    public double GenerationSeconds { get; init; } = 3;

    /// <summary>How long a result or audio URL stays valid after it is issued.</summary>
    public int UrlTtlSeconds { get; init; } = 3600;

    /// <summary>The size of every result and audio file.</summary>
    public long ResultBytes { get; init; } = 32768;

    /// <summary>Requests per minute per key; 0 means no limit.</summary>
    public int RateLimit { get; init; }

    public string? WebhookUrl { get; init; }

    public string? WebhookSecret { get; init; }

    /// <summary>The first rule these settings break, or null when they are all valid.</summary>
    internal SettingError? Validate()
    {
        if (Credits < 0 || Credits > MaxCredits)
            return new("credits", $"must be an integer from 0 to {MaxCredits}");
        if (!(GenerationSeconds == -1 || (GenerationSeconds >= 0 && GenerationSeconds <= MaxGenerationSeconds)))
            return new("generation_seconds", $"must be a number of seconds from 0 to {MaxGenerationSeconds}, or -1 (never finish by itself)");
        if (UrlTtlSeconds < 1 || UrlTtlSeconds > MaxUrlTtlSeconds)
            return new("url_ttl_seconds", $"must be an integer from 1 to {MaxUrlTtlSeconds}");
        if (ResultBytes < MinResultBytes || ResultBytes > MaxResultBytes)
            return new("result_bytes", $"must be an integer from {MinResultBytes} to {MaxResultBytes}");
        if (RateLimit < 0 || RateLimit > MaxRateLimit)
            return new("rate_limit", $"must be an integer from 1 to {MaxRateLimit} (0 or null: no limit)");
        if (WebhookUrl is not null && !IsHttpUrl(WebhookUrl))
            return new("webhook_url", "must be an absolute http or https URL");
        if (WebhookSecret is not null && WebhookSecret.Length == 0)
            return new("webhook_secret", "must not be empty");
        if (WebhookUrl is not null && WebhookSecret is null)
            return new("webhook_secret", "is required with webhook_url: every webhook is signed");
        if (WebhookUrl is null && WebhookSecret is not null)
            return new("webhook_url", "is required with webhook_secret");
        return null;
    }

    internal static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.Host.Length > 0;
}

/// <summary>A broken setting: its snake_case name and the rule, phrased to follow the name.</summary>
internal sealed record SettingError(string Setting, string Rule);
