using System;
using System.Threading;

namespace Adsumo.Emulator.Faults;

/// <summary>
/// Draws each /api/v1 request's fault from one Random, so that a seed replays the same faults for the same
/// sequence of requests.
/// </summary>
internal sealed class FaultInjector
{
    private readonly Lock _sync = new();
    private volatile FaultSettings _settings = FaultSettings.None;
    private Random _random = new();

    public FaultSettings Current => _settings;

    public void Set(FaultSettings settings)
    {
        lock (_sync)
        {
            _settings = settings;
            _random = settings.Seed is { } seed ? new Random(seed) : new Random();
        }
    }

    public void Clear() => Set(FaultSettings.None);

    public FaultPlan Draw(string method)
    {
        // A request of a method the faults leave alone is neither delayed nor drawn for, so a seed replays the same
        // faults on the others. Without fault rates there is nothing to draw, and the usual request takes no lock.
        var current = _settings;
        if (!current.Covers(method)) return new FaultPlan(FaultKind.None, false, 0, current.RetryAfterSeconds);
        if (current.TotalRate <= 0) return new FaultPlan(FaultKind.None, false, current.LatencyMs, current.RetryAfterSeconds);

        lock (_sync)
        {
            var s = _settings;
            var draw = _random.NextDouble();
            var kind = FaultKind.None;
            if (draw < s.ErrorRate) kind = FaultKind.Error;
            else if (draw < s.ErrorRate + s.RateLimitRate) kind = FaultKind.RateLimit;
            else if (draw < s.ErrorRate + s.RateLimitRate + s.ResetRate) kind = FaultKind.Reset;
            else if (draw < s.TotalRate) kind = FaultKind.Malformed;

            // A rate limiter refuses before any work, so a 429 is never drawn after it, whatever the timing says.
            var after = kind is not FaultKind.None and not FaultKind.RateLimit && s.Timing switch
            {
                FaultTimings.After => true,
                FaultTimings.Mixed => _random.Next(2) == 1,
                _ => false,
            };
            return new FaultPlan(kind, after, s.LatencyMs, s.RetryAfterSeconds);
        }
    }
}
