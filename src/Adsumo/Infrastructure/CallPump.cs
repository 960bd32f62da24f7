using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Adsumo.Client;

namespace Adsumo.Infrastructure;

/// <summary>
/// Runs the HTTP core's asynchronous work off the pipeline thread while writing what it reports (verbose lines,
/// progress, objects) on the pipeline thread, which is the only thread PowerShell lets a cmdlet write from.
/// </summary>
internal sealed class CallPump : ICallLog
{
    // Queued when awaited work ends, only to wake the pipeline thread; harmless wherever it is taken.
    private static readonly Action Wake = () => { };
    private readonly BlockingCollection<Action> _queue = new();
    private readonly Cmdlet _cmdlet;
    private readonly CancellationToken _stopping;

    public CallPump(Cmdlet cmdlet, CancellationToken stopping)
    {
        _cmdlet = cmdlet;
        _stopping = stopping;
    }

    public void Verbose(string message) => _queue.Add(() => _cmdlet.WriteVerbose(message));

    public void Debug(string message) => _queue.Add(() => _cmdlet.WriteDebug(message));

    /// <summary>Queues an action for the pipeline thread, from any thread.</summary>
    public void Post(Action action) => _queue.Add(action);

    /// <summary>A call context whose log is this pump and whose token stops with the pipeline (or with <paramref name="linked"/>).</summary>
    public CallContext Context(CancellationToken linked = default) => new(this, linked == default ? _stopping : linked);

    /// <summary>Runs work to its end, writing its reports meanwhile; rethrows its failure as it was.</summary>
    public T Run<T>(Func<CallContext, Task<T>> work)
    {
        using var scope = CancellationTokenSource.CreateLinkedTokenSource(_stopping);
        var task = Task.Run(() => work(Context(scope.Token)), scope.Token);
        try
        {
            PumpWhile(task);
        }
        catch
        {
            // The consumer stopped (Select-Object -First, an error): stop the work too, and do not wait for it.
            scope.Cancel();
            throw;
        }
        return task.GetAwaiter().GetResult();
    }

    public void Run(Func<CallContext, Task> work) => Run<bool>(async call =>
    {
        await work(call).ConfigureAwait(false);
        return true;
    });

    /// <summary>Writes whatever is queued, without waiting. An action may itself drain or pump: nothing is lost.</summary>
    public void Drain()
    {
        while (_queue.TryTake(out var action)) action();
    }

    /// <summary>Writes what is queued until <paramref name="until"/> ends; rethrows its failure.</summary>
    public void PumpUntil(Task until)
    {
        PumpWhile(until);
        until.GetAwaiter().GetResult();
    }

    private void PumpWhile(Task until)
    {
        until.ContinueWith(_ => _queue.Add(Wake), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        while (!until.IsCompleted) _queue.Take()();
        // Reports queued just before the end still belong to this call.
        Drain();
    }
}
