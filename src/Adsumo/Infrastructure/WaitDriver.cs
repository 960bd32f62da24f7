using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using Adsumo.Client;

namespace Adsumo.Infrastructure;

/// <summary>
/// Drives a <see cref="GenerationWatcher"/> from a cmdlet: generations are added as the pipeline delivers them,
/// each is written the moment it completes, and one progress bar counts how many are done. Shared by
/// Wait-AdsumoGeneration and the creation cmdlets' -Wait.
/// </summary>
/// <remarks>
/// A generation that failed, or that the time ran out on, is an error only once the wait has ended for all the
/// others: under $ErrorActionPreference = 'Stop' the first such error ends the command, and by then every completed
/// generation has been written and has gone on down the pipeline. With -IncludeFailed it is written as an object
/// instead (the Wait-Job way) and no error is written for it. Either way the generation object, with its estimate
/// and details, is what the error or the output carries.
/// </remarks>
internal sealed class WaitDriver
{
    private readonly AdsumoCmdlet _cmdlet;
    private readonly AdsumoClient _client;
    private readonly GenerationWatcher _watcher;
    private readonly ProgressBar _progress;
    private readonly bool _includeFailed;
    private readonly List<ErrorRecord> _failures = new();

    // The objects generations were added with: a creation's answer carries its estimate, which a generation read
    // back by a poll (a new object) takes over, and an error about a generation names the object rather than its id.
    private readonly ConcurrentDictionary<string, Generation> _known = new(StringComparer.OrdinalIgnoreCase);

    // Generations a journaled cmdlet wrote: how they end is recorded in that journal, and the link carried over.
    private readonly ConcurrentDictionary<string, string> _journals = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Polls every <paramref name="pollIntervalSeconds"/>; a <paramref name="timeoutSeconds"/> of 0 waits without limit.</summary>
    public WaitDriver(AdsumoCmdlet cmdlet, AdsumoClient client, double pollIntervalSeconds, double timeoutSeconds, bool includeFailed,
        WaitStrategy strategy = WaitStrategy.Auto)
    {
        var pollInterval = TimeSpan.FromSeconds(pollIntervalSeconds);
        var timeout = timeoutSeconds == 0 ? System.Threading.Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(timeoutSeconds);
        _cmdlet = cmdlet;
        _includeFailed = includeFailed;
        _client = client;
        _progress = new ProgressBar(cmdlet, "Waiting for Adsumo generations");
        var pump = cmdlet.Pump;
        _watcher = new GenerationWatcher(client, pollInterval, timeout, e => pump.Post(() => Write(e)), pump.Context(), strategy: strategy);
    }

    /// <summary>Watches one more generation and writes whatever has ended meanwhile.</summary>
    public void Add(string id, Generation? known)
    {
        if (known is not null) _known[id] = known;
        if (known is not null && JournalLinks.Of(known) is { } journal) _journals[id] = journal;
        _watcher.Add(id, known);
        _cmdlet.Pump.Drain();
        ShowProgress(force: false);
    }

    /// <summary>Waits for everything added to end, writing each as it does, then the failures held back.</summary>
    public void Finish()
    {
        _watcher.CompleteAdding();
        ShowProgress(force: true);
        _cmdlet.Pump.PumpUntil(_watcher.Completion);
        // The last count may have fallen in the throttle's window: the bar ends on the true one.
        ShowProgress(force: true);
        _progress.Complete();
        foreach (var failure in _failures) _cmdlet.WriteError(failure);
    }

    private void Write(WaitEvent e)
    {
        _known.TryGetValue(e.Id, out var known);
        var generation = WithEstimate(e.Generation, known);
        switch (e.Outcome)
        {
            case WaitOutcome.Completed:
                RecordInJournal(e.Id, generation, j => j.RecordCompleted(e.Id));
                _cmdlet.WriteObject(generation);
                break;
            case WaitOutcome.Failed or WaitOutcome.TimedOut when _includeFailed:
                if (e.Outcome == WaitOutcome.Failed) RecordInJournal(e.Id, generation, j => j.RecordFailed(e.Id, e.Generation?.ErrorMessage));
                if (e.Outcome == WaitOutcome.TimedOut) _cmdlet.WriteWarning(e.Error!.Message);
                _cmdlet.WriteObject(generation ?? StillProcessing(e.Id));
                break;
            case WaitOutcome.Failed or WaitOutcome.TimedOut:
                if (e.Outcome == WaitOutcome.Failed) RecordInJournal(e.Id, null, j => j.RecordFailed(e.Id, e.Generation?.ErrorMessage));
                _failures.Add(ErrorRecords.From(e.Error!, (object?)generation ?? e.Id));
                break;
            default:
                // Not a generation outcome but a problem with the input (not found, refused): that item's error, now.
                _cmdlet.WriteFailure(e.Error!, (object?)known ?? e.Id);
                break;
        }
        ShowProgress(force: false);
    }

    private static Generation? WithEstimate(Generation? generation, Generation? known)
    {
        if (generation is null) return known;
        if (generation.EstimatedCredits is null && known?.EstimatedCredits is { } estimate) generation.EstimatedCredits = estimate;
        return generation;
    }

    // A generation the wait never read by id before its time ran out (it saw it only in the list of processing ones,
    // or every poll failed): all that is known is that it had not ended.
    private static Generation StillProcessing(string id) => new() { Id = id, Status = "processing" };

    private void RecordInJournal(string id, Generation? written, Action<Journal> record)
    {
        if (!_journals.TryGetValue(id, out var path)) return;
        try
        {
            record(_cmdlet.Journals.Acquire(path, _client));
            if (written is not null) JournalLinks.Attach(written, path);
        }
        catch (AdsumoInputException e)
        {
            _cmdlet.WriteWarning($"Generation {id}: its journal could not record how it ended: {e.Message}");
        }
    }

    private void ShowProgress(bool force)
    {
        var total = _watcher.Total;
        if (total == 0) return;
        var done = _watcher.Finished;
        _progress.Update($"{done} of {total} done", 100 * done / total, force);
    }
}
