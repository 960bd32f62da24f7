using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Adsumo.Client.Tests.Infrastructure;

namespace Adsumo.Client.Tests.Retries;

/// <summary>
/// Whether a retry fits in the retry timeout depends on how long the attempts before it took, so these tests run
/// alone and leave the first attempt ample room: a slow machine must not turn "retried, then stopped" into
/// "never retried".
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class RetryBoundsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Max_retries_bounds_the_attempts_and_the_error_counts_them(int maxRetries)
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Json(503, Payloads.Error("unavailable", "Down for maintenance")));

        var error = await Assert.ThrowsAsync<AdsumoException>(() =>
            TestClients.For(server, TestClients.Settings(maxRetries: maxRetries)).GetCreditsAsync(TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.ServerError, error.Kind);
        Assert.Equal(maxRetries + 1, error.Attempts);
        Assert.Equal(maxRetries + 1, server.Requests.Count);
        Assert.Contains("Down for maintenance", error.Message, StringComparison.Ordinal);
        if (maxRetries > 0) Assert.Contains($"after {maxRetries + 1} attempts", error.Message, StringComparison.Ordinal);
        else Assert.DoesNotContain("attempts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retry_timeout_stops_a_wait_that_would_pass_it()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Json(503, Payloads.Error("unavailable", "Busy"), ("Retry-After", "1")));
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<AdsumoException>(() =>
            TestClients.For(server, TestClients.Settings(maxRetries: 10, retryTimeoutSeconds: 1.9)).GetCreditsAsync(TestClients.Call()));

        // Attempt 1 at 0 s, attempt 2 at 1 s; a third at 2 s would pass 1.9 s, so it is not made.
        Assert.Equal(2, error.Attempts);
        Assert.Equal(2, server.Requests.Count);
        Assert.InRange(watch.Elapsed.TotalSeconds, 0.9, 2.5);
    }

    [Fact]
    public async Task A_retry_after_longer_than_the_retry_timeout_fails_at_once()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Json(429, Payloads.Error("rate_limited", "Slow down"), ("Retry-After", "60")));
        var log = new RecordingLog();
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<AdsumoException>(() =>
            TestClients.For(server, TestClients.Settings(retryTimeoutSeconds: 5)).GetCreditsAsync(log.Call()));

        Assert.Equal(AdsumoErrorKind.RateLimited, error.Kind);
        Assert.Equal(60, error.RetryAfterSeconds);
        Assert.Single(server.Requests);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
        Assert.Contains(log.VerboseLines, l => l.StartsWith("Not retrying", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Retries_with_backoff_stop_within_the_retry_timeout()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Json(500, Payloads.Error("internal_error", "Boom")));
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<AdsumoException>(() =>
            TestClients.For(server, TestClients.Settings(maxRetries: 50, retryTimeoutSeconds: 3, baseDelayMs: 100)).GetCreditsAsync(TestClients.Call()));

        // Waits of 50-100, 100-200, 200-400, 400-800 and 800-1600 ms fit about 5 attempts into 3 s, far
        // from the 51 that MaxRetries alone would allow.
        Assert.InRange(error.Attempts, 2, 10);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4.5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Retry_timeout_bounds_an_attempt_that_hangs()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Delay(TimeSpan.FromSeconds(10)));
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<AdsumoException>(() =>
            TestClients.For(server, TestClients.Settings(requestTimeoutSeconds: 4, retryTimeoutSeconds: 0.5)).GetCreditsAsync(TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.Timeout, error.Kind);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1.5), $"the request took {watch.Elapsed.TotalSeconds:0.0} s with a retry timeout of 0.5 s");
    }

    [Fact]
    public async Task The_retry_log_counts_attempts_against_the_maximum()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Index < 2 ? e.Json(502, "") : e.Json(200, "{}"));
        var log = new RecordingLog();

        await TestClients.For(server, TestClients.Settings(maxRetries: 5)).InvokeAsync("GET", "products", null, null, log.Call());

        var retries = log.VerboseLines.Where(l => l.StartsWith("Retrying", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, retries.Count);
        Assert.Contains("(attempt 2 of 6)", retries[0], StringComparison.Ordinal);
        Assert.Contains("(attempt 3 of 6)", retries[1], StringComparison.Ordinal);
        Assert.Equal(3, log.VerboseLines.Count(l => l.StartsWith("GET /api/v1/products -> ", StringComparison.Ordinal)));
    }
}
