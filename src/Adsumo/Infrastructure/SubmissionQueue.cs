using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Adsumo.Client;

namespace Adsumo.Infrastructure;

/// <summary>
/// Sends a pipeline's creations side by side, at most -ThrottleLimit at once. Each item is decided on the
/// pipeline thread (-WhatIf, -Confirm, -MaxCredits) before it is started; while the pipeline thread waits for a free
/// slot it writes the results that came meanwhile, each as its answer comes. A limit of 1 waits for each before the
/// next, so results keep the input's order. Ctrl+C cancels every request in flight at once; so does a consumer that
/// stops reading (Select-Object -First).
/// </summary>
internal sealed class SubmissionQueue
{
    private readonly AdsumoCmdlet _cmdlet;
    private readonly int _limit;
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _abandon;
    private readonly List<Task> _running = [];

    public SubmissionQueue(AdsumoCmdlet cmdlet, int limit)
    {
        _cmdlet = cmdlet;
        _limit = limit;
        _slots = new SemaphoreSlim(limit, limit);
        _abandon = CancellationTokenSource.CreateLinkedTokenSource(cmdlet.StoppingToken);
    }

    /// <summary>
    /// Starts one submission once a slot is free. <paramref name="work"/> reports its result and its failures itself
    /// (with the pump's Post); it may only end in cancellation.
    /// </summary>
    public void Start(Func<CallContext, Task> work)
    {
        PumpUntil(_slots.WaitAsync(_abandon.Token));
        var call = _cmdlet.Pump.Context(_abandon.Token);
        var task = Task.Run(async () =>
        {
            try
            {
                await work(call).ConfigureAwait(false);
            }
            finally
            {
                _slots.Release();
            }
        });
        _running.RemoveAll(t => t.IsCompleted);
        _running.Add(task);
        if (_limit == 1) PumpUntil(task);
        else _cmdlet.Pump.Drain();
    }

    /// <summary>Waits for every submission started, writing their results as they come.</summary>
    public void Finish() => PumpUntil(Task.WhenAll(_running));

    private void PumpUntil(Task until)
    {
        try
        {
            _cmdlet.Pump.PumpUntil(until);
        }
        catch
        {
            // A stop, or a consumer that stopped reading: nothing more will be written, so nothing more is sent.
            _abandon.Cancel();
            throw;
        }
    }
}
