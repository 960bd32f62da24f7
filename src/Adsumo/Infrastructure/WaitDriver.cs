using System;
using System.Collections.Concurrent;
using Adsumo.Client;

namespace Adsumo.Infrastructure;

/// <summary>
/// Drives a <see cref="GenerationWatcher"/> from a cmdlet: generations are added as the pipeline delivers them,
/// each is written the moment it completes (a failure or a timeout is a non-terminating error), and one progress
/// bar counts how many are done. Shared by Wait-AdsumoGeneration and the creation cmdlets' -Wait.
/// </summary>
internal sealed class WaitDriver
{
    private readonly AdsumoCmdlet _cmdlet;
    private readonly AdsumoClient _client;
    private readonly GenerationWatcher _watcher;
    private readonly ProgressBar _progress;

    // A generation read back by a poll is a new object: the estimate made when it was submitted is carried over.
    private readonly ConcurrentDictionary<string, int> _estimates = new(StringComparer.OrdinalIgnoreCase);

    // Generations a journaled cmdlet wrote: how they end is recorded in that journal, and the link carried over.
    private readonly ConcurrentDictionary<string, string> _journals = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Polls every <paramref name="pollIntervalSeconds"/>; a <paramref name="timeoutSeconds"/> of 0 waits without limit.</summary>
    public WaitDriver(AdsumoCmdlet cmdlet, AdsumoClient client, double pollIntervalSeconds, double timeoutSeconds)
    {
        var pollInterval = TimeSpan.FromSeconds(pollIntervalSeconds);
        var timeout = timeoutSeconds == 0 ? System.Threading.Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(timeoutSeconds);
        _cmdlet = cmdlet;
        _client = client;
        _progress = new ProgressBar(cmdlet, "Waiting for Adsumo generations");
        var pump = cmdlet.Pump;
        _watcher = new GenerationWatcher(client, pollInterval, timeout, e => pump.Post(() => Write(e)), pump.Context());
    }

    /// <summary>Watches one more generation and writes whatever has ended meanwhile.</summary>
    public void Add(string id, Generation? known)
    {
        if (known?.EstimatedCredits is { } estimate) _estimates[id] = estimate;
        if (known is not null && JournalLinks.Of(known) is { } journal) _journals[id] = journal;
        _watcher.Add(id, known);
        _cmdlet.Pump.Drain();
        ShowProgress(force: false);
    }

    /// <summary>Waits for everything added to end, writing each as it does.</summary>
    public void Finish()
    {
        _watcher.CompleteAdding();
        ShowProgress(force: true);
        _cmdlet.Pump.PumpUntil(_watcher.Completion);
        // The last count may have fallen in the throttle's window: the bar ends on the true one.
        ShowProgress(force: true);
        _progress.Complete();
    }

    private void Write(WaitEvent e)
    {
        if (e.Outcome == WaitOutcome.Completed)
        {
            if (e.Generation!.EstimatedCredits is null && _estimates.TryGetValue(e.Id, out var estimate)) e.Generation.EstimatedCredits = estimate;
            RecordInJournal(e.Id, e.Generation, j => j.RecordCompleted(e.Id));
            _cmdlet.WriteObject(e.Generation);
        }
        else
        {
            if (e.Outcome == WaitOutcome.Failed) RecordInJournal(e.Id, null, j => j.RecordFailed(e.Id, e.Generation?.ErrorMessage));
            _cmdlet.WriteFailure(e.Error!, e.Id);
        }
        ShowProgress(force: false);
    }

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
