using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Adsumo.Client;

/// <summary>
/// Waits on many generations at once: each is polled on its own schedule, at most a few requests in flight, and
/// reported the moment it ends, so 50 waits take about as long as the slowest, not as long as all of them in turn.
/// Generations can be added while it runs (as a pipeline delivers them). A poll that fails transiently (after the
/// HTTP core's own retries) is tried again at the next interval rather than ending the wait.
/// </summary>
public sealed class GenerationWatcher
{
    private readonly AdsumoClient _client;
    private readonly TimeSpan _interval;
    private readonly CallContext _call;
    private readonly CallContext _pollCall;
    private readonly CancellationTokenSource _pollCancellation;
    private readonly Action<WaitEvent> _report;
    private readonly SemaphoreSlim _inFlight;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly object _gate = new();
    private readonly Dictionary<string, DateTime> _pending = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _polling = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _known = new(StringComparer.OrdinalIgnoreCase);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly DateTime _deadline;
    private bool _addingComplete;

    public GenerationWatcher(AdsumoClient client, TimeSpan pollInterval, TimeSpan timeout, Action<WaitEvent> report, CallContext call, int maxConcurrency = 16)
    {
        _client = client;
        _interval = pollInterval;
        _report = report;
        _call = call;
        // Polls still in flight when the time runs out are abandoned rather than waited for.
        _pollCancellation = CancellationTokenSource.CreateLinkedTokenSource(call.Cancellation);
        _pollCall = new CallContext(call.Log, _pollCancellation.Token);
        _inFlight = new SemaphoreSlim(maxConcurrency);
        _deadline = timeout == Timeout.InfiniteTimeSpan ? DateTime.MaxValue : DateTime.UtcNow + timeout;
        Completion = Task.Run(LoopAsync);
    }

    /// <summary>Ends when every added generation has been reported and no more will be added, or when stopped.</summary>
    public Task Completion { get; }

    /// <summary>How many distinct generations were added.</summary>
    public int Total { get { lock (_gate) return _known.Count; } }

    /// <summary>How many have been reported.</summary>
    public int Finished { get { lock (_gate) return _known.Count - _pending.Count; } }

    /// <summary>Watches a generation. One already known to have ended is reported at once, without a request.</summary>
    public void Add(string id, Generation? known = null)
    {
        lock (_gate)
        {
            if (_addingComplete) throw new InvalidOperationException("The watcher takes no more generations.");
            if (!_known.Add(id)) return;
            if (known is not null && GenerationStates.IsFinished(known.Status))
            {
                Report(id, known);
                return;
            }
            try
            {
                Input.Id(id, "Id", "generation id");
            }
            catch (AdsumoInputException e)
            {
                _report(new WaitEvent(id, WaitOutcome.Error, null, new AdsumoException(AdsumoErrorKind.InvalidRequest, e.Message, e)));
                return;
            }
            _pending[id] = DateTime.UtcNow;
        }
        _wake.Release();
    }

    /// <summary>Says that no more generations will be added.</summary>
    public void CompleteAdding()
    {
        lock (_gate) _addingComplete = true;
        _wake.Release();
    }

    private async Task LoopAsync()
    {
        var token = _call.Cancellation;
        var polls = new List<Task>();
        while (true)
        {
            token.ThrowIfCancellationRequested();
            var now = DateTime.UtcNow;
            List<string> due;
            DateTime next;
            lock (_gate)
            {
                if (_addingComplete && _pending.Count == 0) break;
                if (now >= _deadline)
                {
                    foreach (var id in _pending.Keys.ToList()) TimeOut(id);
                    if (_addingComplete) break;
                }
                due = _pending.Where(p => p.Value <= now && !_polling.Contains(p.Key)).Select(p => p.Key).ToList();
                foreach (var id in due) _polling.Add(id);
                var waiting = _pending.Where(p => !_polling.Contains(p.Key)).Select(p => p.Value).ToList();
                next = waiting.Count == 0 ? _deadline : waiting.Min();
                if (_deadline < next) next = _deadline;
                // Past the deadline with nothing pending, only a new generation or the end of the input can change
                // anything: sleep until one comes rather than spin.
                if (now >= _deadline && _pending.Count == 0) next = DateTime.MaxValue;
            }
            foreach (var id in due) polls.Add(PollAsync(id));
            polls.RemoveAll(p => p.IsCompleted);
            if (next == DateTime.MaxValue)
            {
                await _wake.WaitAsync(token).ConfigureAwait(false);
                continue;
            }
            var sleep = next - DateTime.UtcNow;
            if (sleep > TimeSpan.FromHours(1)) sleep = TimeSpan.FromHours(1);
            if (sleep > TimeSpan.Zero) await _wake.WaitAsync(sleep, token).ConfigureAwait(false);
        }
        _pollCancellation.Cancel();
        try
        {
            await Task.WhenAll(polls).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!token.IsCancellationRequested)
        {
        }
    }

    private async Task PollAsync(string id)
    {
        await _inFlight.WaitAsync(_pollCall.Cancellation).ConfigureAwait(false);
        try
        {
            var generation = await _client.GetGenerationAsync(id, _pollCall).ConfigureAwait(false);
            // An answer about another generation says nothing about this one: reported once, as this id's error,
            // rather than left pending (and due again at once) or written as if it were the one asked for.
            if (!GenerationStates.IsAbout(id, generation))
            {
                Fail(id, GenerationStates.OtherGeneration(id, generation));
                return;
            }
            lock (_gate)
            {
                if (!_pending.ContainsKey(id)) return;
                if (GenerationStates.IsFinished(generation.Status)) Report(id, generation);
                else _pending[id] = DateTime.UtcNow + _interval;
            }
        }
        catch (AdsumoException e) when (IsWorthAnotherPoll(e))
        {
            _call.Log.Verbose($"Generation {id}: a poll failed ({e.Message}); polling again in {_interval.TotalSeconds:0.#} s.");
            lock (_gate)
            {
                if (_pending.ContainsKey(id)) _pending[id] = DateTime.UtcNow + _interval;
            }
        }
        catch (AdsumoException e)
        {
            Fail(id, e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Anything else would leave the id pending and due at once, to be polled again in a tight loop.
            Fail(id, new AdsumoException(AdsumoErrorKind.InvalidRequest, $"Generation {id} cannot be polled: {Http.Sanitize.Text(e.Message, 200)}", e));
        }
        finally
        {
            lock (_gate) _polling.Remove(id);
            _inFlight.Release();
            _wake.Release();
        }
    }

    private void Fail(string id, AdsumoException error)
    {
        lock (_gate)
        {
            if (_pending.Remove(id)) _report(new WaitEvent(id, WaitOutcome.Error, null, error));
        }
    }

    private static bool IsWorthAnotherPoll(AdsumoException e) => e.Kind is AdsumoErrorKind.ServerError or AdsumoErrorKind.NetworkError
        or AdsumoErrorKind.Timeout or AdsumoErrorKind.RateLimited or AdsumoErrorKind.InvalidResponse;

    // Called with the gate held. Reported under the id that was watched, the one the caller knows it by.
    private void Report(string id, Generation generation)
    {
        _pending.Remove(id);
        if (GenerationStates.IsCompleted(generation.Status))
        {
            _report(new WaitEvent(id, WaitOutcome.Completed, generation, null));
            return;
        }
        _report(new WaitEvent(id, WaitOutcome.Failed, generation, GenerationStates.Failure(id, generation)));
    }

    // Called with the gate held.
    private void TimeOut(string id)
    {
        _pending.Remove(id);
        var waited = TimeSpan.FromMilliseconds(_clock.ElapsedMilliseconds);
        var error = new AdsumoException(AdsumoErrorKind.WaitTimeout,
            $"Generation {id} is still processing after {Http.RequestContext.FormatSeconds(waited)}. Wait again with Wait-AdsumoGeneration -Id {id}; nothing was lost.");
        _report(new WaitEvent(id, WaitOutcome.TimedOut, null, error));
    }
}
