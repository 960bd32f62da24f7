using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Adsumo.Client.Tests.Infrastructure;

namespace Adsumo.Client.Tests.Retries;

/// <summary>
/// Ctrl+C must stop a call at once, wherever it is: waiting to retry, waiting for headers or for a body. Each test
/// cancels only once the server has the request, and times from the cancellation, so a loaded machine that is
/// slow to start the request cannot make it fail.
/// </summary>
public sealed class CancellationTests
{
    private static async Task AssertCancelledPromptly(ScenarioServer server, ConnectionSettings settings, Task reached)
    {
        using var cancel = new CancellationTokenSource();
        var call = TestClients.For(server, settings).GetCreditsAsync(CallContext.Silent(cancel.Token));
        await reached.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(200);
        var watch = Stopwatch.StartNew();

        cancel.Cancel();

        // Bounded: a cancellation that is ignored fails here in seconds, not after the server's 30 s.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed.TotalSeconds:0.00} s to stop");
    }

    private static TaskCompletionSource Signal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [Fact]
    public async Task Cancelling_ends_a_retry_delay()
    {
        var reached = Signal();
        await using var server = await ScenarioServer.StartAsync(async e =>
        {
            await e.Json(503, Payloads.Error("unavailable", "Busy"), ("Retry-After", "30"));
            reached.TrySetResult();
        });

        await AssertCancelledPromptly(server, TestClients.Settings(retryTimeoutSeconds: 120), reached.Task);

        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Cancelling_ends_a_request_waiting_for_its_answer()
    {
        var reached = Signal();
        await using var server = await ScenarioServer.StartAsync(e =>
        {
            reached.TrySetResult();
            return e.Delay(TimeSpan.FromSeconds(30));
        });

        await AssertCancelledPromptly(server, TestClients.Settings(requestTimeoutSeconds: 60), reached.Task);
    }

    [Fact]
    public async Task Cancelling_ends_a_body_that_trickles()
    {
        var reached = Signal();
        await using var server = await ScenarioServer.StartAsync(e =>
        {
            reached.TrySetResult();
            return e.Trickle(200, new byte[10_000], 1, TimeSpan.FromMilliseconds(50));
        });

        // No retries: a cancellation must surface as a cancellation, not as a network error.
        await AssertCancelledPromptly(server, TestClients.Settings(maxRetries: 0, requestTimeoutSeconds: 60), reached.Task);
    }

    [Fact]
    public async Task A_call_already_cancelled_sends_nothing()
    {
        await using var server = await ScenarioServer.StartAsync();
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TestClients.For(server).GetCreditsAsync(CallContext.Silent(cancel.Token)));

        Assert.Empty(server.Requests);
    }
}
