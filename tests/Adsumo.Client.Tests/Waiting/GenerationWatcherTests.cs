using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Adsumo.Client.Tests.Infrastructure;

namespace Adsumo.Client.Tests.Waiting;

public sealed class GenerationWatcherTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private static string IdFrom(Exchange e) => e.Request.Path.Substring(e.Request.Path.LastIndexOf('/') + 1);

    /// <summary>A service on which every generation completes a set time after it was first polled.</summary>
    private static Func<Exchange, Task> CompletingAfter(TimeSpan duration)
    {
        var firstSeen = new ConcurrentDictionary<string, DateTime>();
        return e =>
        {
            var id = IdFrom(e);
            var since = DateTime.UtcNow - firstSeen.GetOrAdd(id, _ => DateTime.UtcNow);
            return e.Json(200, since >= duration ? Payloads.CompletedGeneration(id, "https://files.example/" + id + ".png") : Payloads.Generation(id));
        };
    }

    // These tests are about polling each generation by id; waiting by list has tests of its own.
    private static (GenerationWatcher Watcher, ConcurrentQueue<WaitEvent> Events) Watch(ScenarioServer server, TimeSpan timeout, CallContext? call = null, int maxConcurrency = 16, ConnectionSettings? settings = null, TimeSpan? interval = null)
    {
        var events = new ConcurrentQueue<WaitEvent>();
        var watcher = new GenerationWatcher(TestClients.For(server, settings), interval ?? Interval, timeout, events.Enqueue, call ?? TestClients.Call(), maxConcurrency, WaitStrategy.ById);
        return (watcher, events);
    }

    [Fact]
    public async Task Fifty_generations_are_waited_for_together()
    {
        await using var server = await ScenarioServer.StartAsync(CompletingAfter(TimeSpan.FromSeconds(1)));
        var (watcher, events) = Watch(server, TimeSpan.FromSeconds(30));
        var ids = Enumerable.Range(0, 50).Select(Payloads.IdOf).ToList();
        var watch = Stopwatch.StartNew();

        foreach (var id in ids) watcher.Add(id);
        watcher.CompleteAdding();
        await watcher.Completion.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"50 waits of 1 s took {watch.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(ids.OrderBy(i => i), events.Select(e => e.Id).OrderBy(i => i));
        Assert.All(events, e =>
        {
            Assert.Equal(WaitOutcome.Completed, e.Outcome);
            Assert.Equal("https://files.example/" + e.Id + ".png", e.Generation!.ResultUrl);
        });
        Assert.Equal(50, watcher.Total);
        Assert.Equal(50, watcher.Finished);
    }

    [Fact]
    public async Task At_most_max_concurrency_polls_are_in_flight()
    {
        var inFlight = 0;
        var most = 0;
        await using var server = await ScenarioServer.StartAsync(async e =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref most, now);
            await Task.Delay(100);
            Interlocked.Decrement(ref inFlight);
            await e.Json(200, Payloads.CompletedGeneration(IdFrom(e), "https://files.example/x.png"));
        });
        var (watcher, events) = Watch(server, TimeSpan.FromSeconds(30), maxConcurrency: 4);

        foreach (var id in Enumerable.Range(0, 20).Select(Payloads.IdOf)) watcher.Add(id);
        watcher.CompleteAdding();
        await watcher.Completion.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(20, events.Count);
        Assert.InRange(most, 2, 4);
    }

    /// <summary>Cancels once the polls are under way, then expects the wait to end in well under the server's delay.</summary>
    private static async Task AssertCancelsWithinASecondAsync(GenerationWatcher watcher, CancellationTokenSource cancel)
    {
        await Task.Delay(300);
        var watch = Stopwatch.StartNew();

        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watcher.Completion.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }

    [Fact]
    public async Task A_failed_generation_is_reported_with_the_services_reason()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Json(200, Payloads.FailedGeneration(IdFrom(e), "Prompt violates the content policy")));
        var (watcher, events) = Watch(server, TimeSpan.FromSeconds(30));

        watcher.Add(Payloads.IdOf(7));
        watcher.CompleteAdding();
        await watcher.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        var failed = Assert.Single(events);
        Assert.Equal(WaitOutcome.Failed, failed.Outcome);
        Assert.Equal(AdsumoErrorKind.GenerationFailed, failed.Error!.Kind);
        Assert.Contains("Prompt violates the content policy", failed.Error.Message, StringComparison.Ordinal);
        Assert.Contains(Payloads.IdOf(7), failed.Error.Message, StringComparison.Ordinal);
        Assert.Equal("failed", failed.Generation!.Status);
    }

    [Fact]
    public async Task Running_out_of_time_reports_each_pending_generation_as_timed_out()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Json(200, Payloads.Generation(IdFrom(e))));
        var (watcher, events) = Watch(server, TimeSpan.FromMilliseconds(500));
        var watch = Stopwatch.StartNew();

        foreach (var id in Enumerable.Range(0, 3).Select(Payloads.IdOf)) watcher.Add(id);
        watcher.CompleteAdding();
        await watcher.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
        Assert.Equal(3, events.Count);
        Assert.All(events, e =>
        {
            Assert.Equal(WaitOutcome.TimedOut, e.Outcome);
            Assert.Equal(AdsumoErrorKind.WaitTimeout, e.Error!.Kind);
            Assert.Contains("Wait-AdsumoGeneration -Id " + e.Id, e.Error.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_poll_that_fails_transiently_is_polled_again()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Index switch
        {
            0 => e.Json(503, Payloads.Error("unavailable", "Busy")),
            1 => Task.Run(e.Abort),
            2 => e.Json(200, "{\"id\":"),
            _ => e.Json(200, Payloads.CompletedGeneration(IdFrom(e), "https://files.example/x.png")),
        });
        var log = new RecordingLog();
        // No retries in the core, so that each failure reaches the watcher.
        var (watcher, events) = Watch(server, TimeSpan.FromSeconds(30), log.Call(), settings: TestClients.Settings(maxRetries: 0));

        watcher.Add(Payloads.IdOf(1));
        watcher.CompleteAdding();
        await watcher.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(WaitOutcome.Completed, Assert.Single(events).Outcome);
        Assert.Equal(4, server.Requests.Count);
        Assert.Equal(3, log.VerboseLines.Count(l => l.Contains("a poll failed", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_generation_that_does_not_exist_is_reported_as_an_error()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Json(404, Payloads.Error("not_found", "Generation not found")));
        var (watcher, events) = Watch(server, TimeSpan.FromSeconds(30));

        watcher.Add(Payloads.IdOf(1));
        watcher.CompleteAdding();
        await watcher.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        var error = Assert.Single(events);
        Assert.Equal(WaitOutcome.Error, error.Outcome);
        Assert.Equal(AdsumoErrorKind.NotFound, error.Error!.Kind);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Cancelling_ends_the_wait_promptly_in_the_middle_of_a_30_s_poll_interval()
    {
        // Every poll is answered at once and the next is 30 s away: only a sleep that honours the token ends in time.
        await using var server = await ScenarioServer.StartAsync(e => e.Json(200, Payloads.Generation(IdFrom(e))));
        using var cancel = new CancellationTokenSource();
        var (watcher, _) = Watch(server, Timeout.InfiniteTimeSpan, CallContext.Silent(cancel.Token), interval: TimeSpan.FromSeconds(30));
        foreach (var id in Enumerable.Range(0, 5).Select(Payloads.IdOf)) watcher.Add(id);
        watcher.CompleteAdding();
        for (var waited = 0; server.Requests.Count < 5 && waited < 100; waited++) await Task.Delay(100);
        Assert.Equal(5, server.Requests.Count);
        await AssertCancelsWithinASecondAsync(watcher, cancel);
    }

    [Fact]
    public async Task Cancelling_ends_a_poll_that_hangs()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Delay(TimeSpan.FromSeconds(30)));
        using var cancel = new CancellationTokenSource();
        var (watcher, _) = Watch(server, Timeout.InfiniteTimeSpan, CallContext.Silent(cancel.Token), settings: TestClients.Settings(requestTimeoutSeconds: 60));
        watcher.Add(Payloads.IdOf(1));
        watcher.CompleteAdding();
        await AssertCancelsWithinASecondAsync(watcher, cancel);
    }

    [Fact]
    public async Task A_generation_known_to_have_ended_is_reported_without_a_request()
    {
        await using var server = await ScenarioServer.StartAsync();
        var (watcher, events) = Watch(server, TimeSpan.FromSeconds(30));

        watcher.Add("g-done", new Generation { Id = "g-done", Status = "completed", ResultUrl = "https://files.example/done.png" });
        watcher.CompleteAdding();
        await watcher.Completion.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(WaitOutcome.Completed, Assert.Single(events).Outcome);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Generations_added_while_waiting_are_watched_and_duplicates_ignored()
    {
        await using var server = await ScenarioServer.StartAsync(CompletingAfter(TimeSpan.FromMilliseconds(300)));
        var (watcher, events) = Watch(server, TimeSpan.FromSeconds(30));

        watcher.Add(Payloads.IdOf(1));
        await Task.Delay(200);
        watcher.Add(Payloads.IdOf(2));
        watcher.Add(Payloads.IdOf(1).ToUpperInvariant());
        watcher.CompleteAdding();
        await watcher.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(new[] { Payloads.IdOf(1), Payloads.IdOf(2) }, events.Select(e => e.Id).OrderBy(i => i));
        Assert.Throws<InvalidOperationException>(() => watcher.Add(Payloads.IdOf(3)));
    }

    [Fact]
    public async Task Nothing_to_wait_for_ends_at_once()
    {
        await using var server = await ScenarioServer.StartAsync();
        var (watcher, events) = Watch(server, TimeSpan.FromSeconds(30));

        watcher.CompleteAdding();
        await watcher.Completion.WaitAsync(TimeSpan.FromSeconds(2));

        Assert.Empty(events);
    }

    [Fact]
    public async Task A_generation_id_that_cannot_be_polled_is_reported_as_an_error()
    {
        await using var server = await ScenarioServer.StartAsync();
        var (watcher, events) = Watch(server, TimeSpan.FromSeconds(1));

        watcher.Add("not-a-uuid");
        watcher.CompleteAdding();
        await watcher.Completion.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(WaitOutcome.Error, Assert.Single(events).Outcome);
    }
}
