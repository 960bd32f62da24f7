using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Adsumo.Client.Tests.Infrastructure;

namespace Adsumo.Client.Tests.Waiting;

/// <summary>
/// Measures CPU time, so it runs alone (the collection is not parallelised) and other tests' work is not counted.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class WatcherDeadlineTests
{
    [Fact]
    public async Task After_the_deadline_the_watcher_waits_for_more_generations_without_spinning()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Json(200, Payloads.Generation(Payloads.IdOf(1))));
        // Other tests' leftovers (servers shutting down, collections of large buffers) may still use some CPU: a
        // second measured before the watcher exists is the baseline that the idle watcher is compared with. Each is the
        // quietest of several seconds: a busy moment of the machine passes, a spinning loop costs every second.
        var baseline = await QuietestSecondAsync(2);
        var events = new ConcurrentQueue<WaitEvent>();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var watcher = new GenerationWatcher(TestClients.For(server), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200), events.Enqueue, CallContext.Silent(cancel.Token));
        watcher.Add(Payloads.IdOf(1));
        await Task.Delay(500);
        Assert.Equal(WaitOutcome.TimedOut, Assert.Single(events).Outcome);

        // The pipeline has not said it is done: the watcher must now idle. A spinning loop costs a whole core.
        var cpu = await QuietestSecondAsync(3);
        watcher.CompleteAdding();
        await watcher.Completion.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(cpu - baseline < TimeSpan.FromMilliseconds(400), $"the idle watcher used {cpu.TotalMilliseconds:0} ms of CPU in 1 s, against {baseline.TotalMilliseconds:0} ms before it existed");
    }

    private static async Task<TimeSpan> QuietestSecondAsync(int seconds)
    {
        var quietest = TimeSpan.MaxValue;
        for (var i = 0; i < seconds; i++)
        {
            var used = await CpuOverOneSecondAsync();
            if (used < quietest) quietest = used;
        }
        return quietest;
    }

    private static async Task<TimeSpan> CpuOverOneSecondAsync()
    {
        var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        await Task.Delay(1000);
        process.Refresh();
        return process.TotalProcessorTime - before;
    }
}
