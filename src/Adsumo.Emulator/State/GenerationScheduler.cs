using System;
using System.Collections.Generic;
using System.Threading;

namespace Adsumo.Emulator.State;

/// <summary>
/// Finishes generations at their deadlines even when nobody reads them, which is what drives webhooks.
/// A priority queue by deadline and one timer armed for the earliest: no scans, no thread per generation.
/// </summary>
internal sealed class GenerationScheduler : IDisposable
{
    private readonly PriorityQueue<Generation, DateTimeOffset> _queue = new();
    private readonly Lock _sync = new();
    private readonly GenerationLifecycle _lifecycle;
    private readonly TimeProvider _clock;
    private readonly ITimer _timer;
    private DateTimeOffset? _armedFor;

    public GenerationScheduler(GenerationLifecycle lifecycle, TimeProvider clock)
    {
        _lifecycle = lifecycle;
        _clock = clock;
        _timer = clock.CreateTimer(static state => ((GenerationScheduler)state!).OnTimer(), this,
            Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public void Schedule(Generation generation)
    {
        if (generation.Deadline is not { } deadline) return;
        lock (_sync)
        {
            _queue.Enqueue(generation, deadline);
            if (_armedFor is null || deadline < _armedFor) Arm(deadline);
        }
    }

    public void Clear()
    {
        lock (_sync)
        {
            _queue.Clear();
            _armedFor = null;
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose() => _timer.Dispose();

    private void OnTimer()
    {
        var now = _clock.GetUtcNow();
        List<Generation>? due = null;
        lock (_sync)
        {
            while (_queue.TryPeek(out var generation, out var deadline) && deadline <= now)
            {
                _queue.Dequeue();
                (due ??= []).Add(generation);
            }
            _armedFor = null;
            if (_queue.TryPeek(out _, out var next)) Arm(next);
        }
        if (due is null) return;
        foreach (var generation in due)
        {
            try
            {
                _lifecycle.SettleIfDue(generation, now);
            }
            catch (Exception error)
            {
                // An exception escaping a timer callback would end the process; one generation must not do that.
                Console.Error.WriteLine($"Adsumo emulator: finishing generation {generation.Id} failed: {error}");
            }
        }
    }

    private void Arm(DateTimeOffset deadline)
    {
        _armedFor = deadline;
        var delay = deadline - _clock.GetUtcNow();
        _timer.Change(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }
}
