using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Adsumo.Client;

/// <summary>
/// Waits on many generations at once and reports each the moment it ends, so 50 waits take about as long as the
/// slowest, not as long as all of them in turn. Generations can be added while it runs (as a pipeline delivers them).
/// Two ways to learn that a generation ended, chosen by cost:
/// - by id: each generation is polled on its own schedule, at most a few requests in flight;
/// - by list: every interval, the team's processing generations are listed (a page of 100 per request, side by
///   side), and only a generation of ours that has left that list is read by id, for its result and details. For
///   500 generations this costs a few list pages a round instead of 500 reads.
/// <see cref="WaitStrategy.Auto"/> lists when the team's processing list takes at most a third as many pages as
/// there are generations waited on, and polls by id otherwise (a team whose other runbooks keep thousands
/// processing), looking again now and then. A poll or list that fails transiently (after the HTTP core's own retries)
/// is tried again at the next interval rather than ending the wait.
/// </summary>
public sealed class GenerationWatcher
{
    // Below this many generations a list round costs about what polling each does: poll them by id.
    private const int FewestForList = 4;

    // How many intervals polling by id goes on before the list is looked at again.
    private const int IntervalsBeforeListingAgain = 10;

    // How long the first round waits for more of a pipeline's generations before it counts them.
    private static readonly TimeSpan FirstRoundDelay = TimeSpan.FromMilliseconds(100);

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
    private readonly WaitStrategy _strategy;
    private bool _addingComplete;
    // Rounds (Auto, ByList): a generation waiting for the next round is due at MaxValue; each round either lists the
    // processing generations and makes due those of ours that left the list, or makes them all due by id.
    private static readonly DateTime NextRound = DateTime.MaxValue;
    private bool _rounding;
    private DateTime _nextRoundAt = DateTime.MinValue;
    private DateTime _listAgainAt = DateTime.MinValue;

    public GenerationWatcher(AdsumoClient client, TimeSpan pollInterval, TimeSpan timeout, Action<WaitEvent> report, CallContext call,
        int maxConcurrency = 16, WaitStrategy strategy = WaitStrategy.Auto)
    {
        _client = client;
        _strategy = strategy;
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

    /// <summary>How many requests the wait made: polls by id and pages of the processing list.</summary>
    public int Requests => Volatile.Read(ref _requests);

    private int _requests;

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
            if (_strategy == WaitStrategy.ById)
            {
                _pending[id] = DateTime.UtcNow;
            }
            else
            {
                // The first round waits a moment for the rest of a pipeline's generations, to count them before choosing.
                _pending[id] = NextRound;
                if (_nextRoundAt == DateTime.MinValue) _nextRoundAt = DateTime.UtcNow + (_interval < FirstRoundDelay ? _interval : FirstRoundDelay);
            }
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
            bool sweep;
            lock (_gate)
            {
                if (_addingComplete && _pending.Count == 0) break;
                if (now >= _deadline)
                {
                    foreach (var id in _pending.Keys.ToList()) TimeOut(id);
                    if (_addingComplete) break;
                }
                sweep = StartsRound(now);
                due = _pending.Where(p => p.Value <= now && !_polling.Contains(p.Key)).Select(p => p.Key).ToList();
                foreach (var id in due) _polling.Add(id);
                var waiting = _pending.Where(p => !_polling.Contains(p.Key)).Select(p => p.Value).ToList();
                next = waiting.Count == 0 ? _deadline : waiting.Min();
                if (_strategy != WaitStrategy.ById && !_rounding && _pending.ContainsValue(NextRound) && _nextRoundAt < next) next = _nextRoundAt;
                if (_deadline < next) next = _deadline;
                // Past the deadline with nothing pending, only a new generation or the end of the input can change
                // anything: sleep until one comes rather than spin.
                if (now >= _deadline && _pending.Count == 0) next = DateTime.MaxValue;
            }
            if (sweep) polls.Add(SweepAsync());
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
            Interlocked.Increment(ref _requests);
            var generation = await _client.GetGenerationAsync(id, _pollCall).ConfigureAwait(false);
            if (!string.Equals(generation.Id, id, StringComparison.OrdinalIgnoreCase))
            {
                // Taken as an answer about the other id, this one would stay due and be polled again at once, for ever.
                Fail(id, new AdsumoException(AdsumoErrorKind.InvalidResponse,
                    $"Asked for generation {id}, the service answered with generation {SafeText.Line(generation.Id, 80)}; not waiting on an answer about another generation."));
                return;
            }
            lock (_gate)
            {
                if (!_pending.ContainsKey(id)) return;
                if (GenerationStates.IsFinished(generation.Status)) Report(id, generation);
                else _pending[id] = _strategy == WaitStrategy.ById ? DateTime.UtcNow + _interval : NextRound;
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
            Fail(id, new AdsumoException(AdsumoErrorKind.InvalidRequest, $"Generation {id} cannot be polled: {SafeText.Line(e.Message, 200)}", e));
        }
        finally
        {
            lock (_gate) _polling.Remove(id);
            _inFlight.Release();
            _wake.Release();
        }
    }

    // Called with the gate held: whether a round starts now that lists the processing generations. A round that does
    // not pay for a list (few generations, or a list much larger than ours) makes them all due by id instead.
    private bool StartsRound(DateTime now)
    {
        if (_strategy == WaitStrategy.ById || _rounding || now < _nextRoundAt || !_pending.ContainsValue(NextRound)) return false;
        _nextRoundAt = now + _interval;
        var worthListing = _strategy == WaitStrategy.ByList || (_pending.Count >= FewestForList && now >= _listAgainAt);
        if (worthListing)
        {
            _rounding = true;
            return true;
        }
        ReadAllById();
        return false;
    }

    private async Task SweepAsync()
    {
        int pending;
        lock (_gate) pending = _pending.Count;
        // Listing pays when it takes at most a third as many pages as there are generations to read by id.
        var maxPages = _strategy == WaitStrategy.ByList ? int.MaxValue : Math.Max(1, pending / 3);
        try
        {
            var snapshot = await _client.SnapshotGenerationIdsAsync("processing", maxPages, _pollCall).ConfigureAwait(false);
            Interlocked.Add(ref _requests, snapshot.Requests);
            lock (_gate)
            {
                if (!snapshot.Complete)
                {
                    // Other work fills the team's list: polling each of ours costs less, for a while.
                    _call.Log.Verbose($"The team has {snapshot.Total} generations processing, more than listing pays for {_pending.Count} waited on; polling each by id.");
                    _listAgainAt = DateTime.UtcNow + TimeSpan.FromTicks(_interval.Ticks * IntervalsBeforeListingAgain);
                    ReadAllById();
                    return;
                }
                // Those of ours that left the list have ended (or were never in it): read them by id.
                foreach (var id in _pending.Keys.ToList())
                {
                    if (!snapshot.Contains(id) && _pending[id] == NextRound) _pending[id] = DateTime.MinValue;
                }
            }
        }
        catch (AdsumoException e) when (e.Kind is AdsumoErrorKind.ServerError or AdsumoErrorKind.NetworkError or AdsumoErrorKind.Timeout or AdsumoErrorKind.RateLimited)
        {
            _call.Log.Verbose($"Listing the processing generations failed ({e.Message}); listing again in {_interval.TotalSeconds:0.#} s.");
        }
        catch (AdsumoException e)
        {
            // A list that cannot be read (refused, or answered in a shape that cannot be read): poll each by id,
            // and look at the list again later.
            _call.Log.Verbose($"Listing the processing generations did not work ({e.Message}); polling each by id.");
            lock (_gate)
            {
                _listAgainAt = DateTime.UtcNow + TimeSpan.FromTicks(_interval.Ticks * IntervalsBeforeListingAgain);
                ReadAllById();
            }
        }
        finally
        {
            lock (_gate) _rounding = false;
            _wake.Release();
        }
    }

    // Called with the gate held: this round, every generation waiting for it is read by id.
    private void ReadAllById()
    {
        foreach (var id in _pending.Keys.ToList()) if (_pending[id] == NextRound) _pending[id] = DateTime.MinValue;
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

    // Called with the gate held. The id is the one watched, whatever the answer says.
    private void Report(string id, Generation generation)
    {
        _pending.Remove(id);
        if (GenerationStates.IsCompleted(generation.Status))
        {
            _report(new WaitEvent(id, WaitOutcome.Completed, generation, null));
            return;
        }
        var error = new AdsumoException(AdsumoErrorKind.GenerationFailed, GenerationStates.DescribeFailure(id, generation));
        _report(new WaitEvent(id, WaitOutcome.Failed, generation, error));
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
