using System;
using System.Collections.Concurrent;
using System.Threading;

namespace Adsumo.Emulator.RateLimiting;

/// <summary>
/// A fixed one-minute window per key, opened by the key's first request: at most n requests in it, then 429 with
/// the seconds left until it closes. Simple to predict in a test, which matters more here than smoothness.
/// </summary>
internal sealed class RateLimiter(TimeProvider clock)
{
    private static readonly TimeSpan WindowLength = TimeSpan.FromMinutes(1);

    private ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    /// <summary>True when the request may go on; otherwise how many whole seconds to wait.</summary>
    public bool TryAcquire(string key, int limit, out int retryAfterSeconds)
    {
        var window = _windows.GetOrAdd(key, static _ => new Window());
        var now = clock.GetUtcNow();
        lock (window.Sync)
        {
            if (now >= window.Start + WindowLength)
            {
                window.Start = now;
                window.Count = 0;
            }
            if (window.Count < limit)
            {
                window.Count++;
                retryAfterSeconds = 0;
                return true;
            }
            retryAfterSeconds = Math.Max(1, (int)Math.Ceiling((window.Start + WindowLength - now).TotalSeconds));
            return false;
        }
    }

    public void Reset() => _windows = new ConcurrentDictionary<string, Window>(StringComparer.Ordinal);

    private sealed class Window
    {
        public Lock Sync { get; } = new();

        public DateTimeOffset Start { get; set; } = DateTimeOffset.MinValue;

        public int Count { get; set; }
    }
}
