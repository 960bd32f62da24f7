using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace Adsumo.Client.Http;

/// <summary>
/// One connection's brake: when the service answers 429, every request of the connection waits until the time it
/// asked for has passed, not only the one that was refused. Several 429s at once close the gate once, for the
/// longest wait asked, so concurrent requests honour Retry-After together instead of each on its own schedule.
/// </summary>
internal sealed class RateGate
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _openAtTicks;

    /// <summary>How long the gate stays closed from now; zero when it is open.</summary>
    public TimeSpan Remaining
    {
        get
        {
            var left = Interlocked.Read(ref _openAtTicks) - _clock.Elapsed.Ticks;
            return left > 0 ? TimeSpan.FromTicks(left) : TimeSpan.Zero;
        }
    }

    /// <summary>Keeps the gate closed for at least <paramref name="wait"/> from now.</summary>
    public void HoldFor(TimeSpan wait)
    {
        if (wait <= TimeSpan.Zero) return;
        var until = _clock.Elapsed.Ticks + wait.Ticks;
        var current = Interlocked.Read(ref _openAtTicks);
        while (until > current)
        {
            var seen = Interlocked.CompareExchange(ref _openAtTicks, until, current);
            if (seen == current) return;
            current = seen;
        }
    }

    /// <summary>Waits until the gate is open; at once when it is.</summary>
    public async Task WaitAsync(CancellationToken cancellation)
    {
        // Another 429 may extend the hold while this one waits: look again after each wait.
        for (var left = Remaining; left > TimeSpan.Zero; left = Remaining)
        {
            await Task.Delay(left, cancellation).ConfigureAwait(false);
        }
    }
}
