using System;
using System.Collections.Generic;

namespace Adsumo.Emulator.Wire;

internal sealed record SettingsJson(
    int Credits, double GenerationSeconds, int UrlTtlSeconds, long ResultBytes, int? RateLimit, string? WebhookUrl,
    string? WebhookSecret);

internal sealed record FaultsJson(
    double ErrorRate, double RateLimitRate, int RetryAfterSeconds, double ResetRate, int LatencyMs, double MalformedRate,
    int? Seed, string Timing, IReadOnlyList<string>? Methods);

internal sealed record SeedResultJson(
    IReadOnlyList<Guid> Products, IReadOnlyList<Guid> CustomAvatars, IReadOnlyList<Guid> Generations);
