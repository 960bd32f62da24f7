using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Adsumo.Client.Tests.Infrastructure;

namespace Adsumo.Client.Tests.Waiting;

/// <summary>
/// Waiting by list: the team's processing generations are listed every interval, and only those of ours that left
/// the list are read by id. Every generation is still reported, failed ones with their reason, each read by id once.
/// </summary>
public sealed class ListWaitingTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    private static async Task<(ConcurrentQueue<WaitEvent> Events, GenerationWatcher Watcher)> WaitAllAsync(ScenarioServer server, string[] ids, WaitStrategy strategy)
    {
        var events = new ConcurrentQueue<WaitEvent>();
        var watcher = new GenerationWatcher(TestClients.For(server), Interval, TimeSpan.FromSeconds(60), events.Enqueue, TestClients.Call(), strategy: strategy);
        foreach (var id in ids) watcher.Add(id);
        watcher.CompleteAdding();
        await watcher.Completion.WaitAsync(TimeSpan.FromSeconds(60));
        return (events, watcher);
    }

    private static int ReadsById(ScenarioServer server, string id) => server.Requests.Count(r => r.Path.EndsWith("/generations/" + id, StringComparison.Ordinal));

    private static int ListPages(ScenarioServer server) => server.Requests.Count(r => r.Path.EndsWith("/generations", StringComparison.Ordinal));

    [Fact]
    public async Task Two_hundred_and_fifty_generations_are_each_reported_once_for_a_fraction_of_the_requests()
    {
        var service = new GenerationsEndpoint();
        var ids = Enumerable.Range(0, 250).Select(Payloads.IdOf).ToArray();
        for (var i = 0; i < ids.Length; i++) service.Add(ids[i], TimeSpan.FromMilliseconds(300 + 4 * i), failure: i % 50 == 7 ? "GPU on fire" : null);
        await using var server = await ScenarioServer.StartAsync(service.Serve);

        var (events, watcher) = await WaitAllAsync(server, ids, WaitStrategy.Auto);

        Assert.Equal(ids.OrderBy(i => i), events.Select(e => e.Id).OrderBy(i => i));
        Assert.Equal(5, events.Count(e => e.Outcome == WaitOutcome.Failed));
        Assert.All(events.Where(e => e.Outcome == WaitOutcome.Failed), e => Assert.Contains("GPU on fire", e.Error!.Message, StringComparison.Ordinal));
        Assert.All(events.Where(e => e.Outcome == WaitOutcome.Completed), e => Assert.NotNull(e.Generation!.ResultUrl));
        // Each generation is read by id exactly once, after it left the list; the rest is a few pages a round.
        Assert.All(ids, id => Assert.Equal(1, ReadsById(server, id)));
        Assert.Equal(server.Requests.Count, watcher.Requests);
        Assert.True(ListPages(server) < 250, $"{ListPages(server)} list pages");
    }

    [Fact]
    public async Task A_team_with_far_more_processing_than_waited_on_is_polled_by_id()
    {
        var service = new GenerationsEndpoint();
        // 900 generations of other runbooks that stay processing: listing them would cost 9 pages a round.
        foreach (var other in Enumerable.Range(1000, 900).Select(Payloads.IdOf)) service.Add(other, TimeSpan.FromHours(1));
        var ours = Enumerable.Range(0, 6).Select(Payloads.IdOf).ToArray();
        foreach (var id in ours) service.Add(id, TimeSpan.FromMilliseconds(500));
        await using var server = await ScenarioServer.StartAsync(service.Serve);

        var (events, _) = await WaitAllAsync(server, ours, WaitStrategy.Auto);

        Assert.All(events, e => Assert.Equal(WaitOutcome.Completed, e.Outcome));
        Assert.Equal(6, events.Count);
        // One page told it that listing does not pay; the rest were reads by id.
        Assert.Equal(1, ListPages(server));
        Assert.All(ours, id => Assert.InRange(ReadsById(server, id), 1, 10));
    }

    [Fact]
    public async Task A_generation_that_is_not_in_the_processing_list_but_still_working_is_read_again_each_round()
    {
        // A status the list filter does not know (a queue): such a generation is never listed as processing.
        var service = new GenerationsEndpoint { WaitingStatus = "queued" };
        var ids = Enumerable.Range(0, 5).Select(Payloads.IdOf).ToArray();
        foreach (var id in ids) service.Add(id, TimeSpan.FromMilliseconds(900));
        await using var server = await ScenarioServer.StartAsync(service.Serve);

        var (events, _) = await WaitAllAsync(server, ids, WaitStrategy.ByList);

        Assert.Equal(5, events.Count(e => e.Outcome == WaitOutcome.Completed));
        Assert.All(ids, id => Assert.True(ReadsById(server, id) >= 2, "read again until it ended"));
    }

    [Fact]
    public async Task Stopping_a_wait_by_list_cancels_the_pages_in_flight_at_once()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Delay(TimeSpan.FromSeconds(30)));
        using var cancel = new CancellationTokenSource();
        var watcher = new GenerationWatcher(TestClients.For(server, TestClients.Settings(requestTimeoutSeconds: 60)), Interval, Timeout.InfiniteTimeSpan, _ => { },
            CallContext.Silent(cancel.Token), strategy: WaitStrategy.ByList);
        foreach (var id in Enumerable.Range(0, 5).Select(Payloads.IdOf)) watcher.Add(id);
        watcher.CompleteAdding();
        for (var waited = 0; server.Requests.Count == 0 && waited < 100; waited++) await Task.Delay(100);
        Assert.Contains(server.Requests, r => r.Path.EndsWith("/generations", StringComparison.Ordinal));

        var watch = System.Diagnostics.Stopwatch.StartNew();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watcher.Completion.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
    }
}
