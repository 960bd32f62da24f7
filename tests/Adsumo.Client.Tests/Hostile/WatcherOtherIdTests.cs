using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Adsumo.Client.Tests.Infrastructure;

namespace Adsumo.Client.Tests.Hostile;

/// <summary>A poll answered with another generation is reported once, for the id that was polled: no spin, no duplicate.</summary>
public sealed class WatcherOtherIdTests
{
    [Fact]
    public async Task An_answer_about_another_generation_is_the_polled_ids_error_once()
    {
        var other = Payloads.IdOf(99);
        await using var server = await ScenarioServer.StartAsync(e => e.Json(200, Payloads.Generation(other, "completed")));
        var events = new ConcurrentQueue<WaitEvent>();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var watcher = new GenerationWatcher(TestClients.For(server), TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(10), events.Enqueue, CallContext.Silent(cancel.Token));

        watcher.Add(Payloads.IdOf(1));
        watcher.Add(Payloads.IdOf(2));
        watcher.CompleteAdding();
        await watcher.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(new[] { Payloads.IdOf(1), Payloads.IdOf(2) }, events.Select(e => e.Id).OrderBy(i => i));
        Assert.All(events, e =>
        {
            Assert.Equal(WaitOutcome.Error, e.Outcome);
            Assert.Equal(AdsumoErrorKind.InvalidResponse, e.Error!.Kind);
            Assert.Contains(other, e.Error.Message, StringComparison.Ordinal);
        });
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task An_answer_about_the_same_id_in_capitals_is_the_one_asked_for()
    {
        var id = Payloads.IdOf(1);
        await using var server = await ScenarioServer.StartAsync(e => e.Json(200, Payloads.Generation(id.ToUpperInvariant(), "completed")));
        var events = new ConcurrentQueue<WaitEvent>();
        var watcher = new GenerationWatcher(TestClients.For(server), TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(10), events.Enqueue, TestClients.Call());

        watcher.Add(id);
        watcher.CompleteAdding();
        await watcher.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        var only = Assert.Single(events);
        Assert.Equal(WaitOutcome.Completed, only.Outcome);
        Assert.Equal(id, only.Id);
    }
}
