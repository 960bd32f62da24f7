using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Adsumo.Client.Tests.Infrastructure;

namespace Adsumo.Client.Tests.Retries;

/// <summary>Reads are safe to send again, so every transient failure is retried with the same request id.</summary>
public sealed class IdempotentRetryTests
{
    private const string Credits = """{"credits_used":1,"credits_limit":10,"credits_remaining":9}""";

    private static void AssertOneLogicalRequest(ScenarioServer server, int attempts)
    {
        var requests = server.Requests;
        Assert.Equal(attempts, requests.Count);
        Assert.Single(requests.Select(r => r.Header("X-Request-Id")).Distinct());
        Assert.All(requests, r => Assert.Equal("Bearer " + TestClients.KeyText, r.Header("Authorization")));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    [InlineData(429)]
    [InlineData(408)]
    public async Task A_transient_status_is_retried_until_it_succeeds(int status)
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Index < 2 ? e.Json(status, Payloads.Error("x", "transient")) : e.Json(200, Credits));
        var log = new RecordingLog();

        var credits = await TestClients.For(server).GetCreditsAsync(log.Call());

        Assert.Equal(9, credits.Remaining);
        AssertOneLogicalRequest(server, 3);
        Assert.Equal(2, log.VerboseLines.Count(l => l.StartsWith("Retrying GET /api/v1/account/credits", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(501)]
    public async Task A_permanent_status_is_not_retried(int status)
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Json(status, Payloads.Error("x", "permanent")));

        await Assert.ThrowsAsync<AdsumoException>(() => TestClients.For(server).GetCreditsAsync(TestClients.Call()));

        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_reset_connection_is_retried()
    {
        await using var server = await ScenarioServer.StartAsync(e =>
        {
            if (e.Index == 0)
            {
                e.Abort();
                return Task.CompletedTask;
            }
            return e.Json(200, "{}");
        });

        var response = await TestClients.For(server).InvokeAsync("GET", "products", null, null, TestClients.Call());

        Assert.Equal(2, response.Attempts);
        AssertOneLogicalRequest(server, 2);
    }

    [Fact]
    public async Task A_body_cut_short_is_retried()
    {
        await using var server = await ScenarioServer.StartAsync(async e =>
        {
            if (e.Index == 0)
            {
                // Headers promise 1000 bytes, 10 arrive, then the connection drops.
                e.Context.Response.ContentLength = 1000;
                await e.Context.Response.Body.WriteAsync(new byte[10]);
                await e.Context.Response.Body.FlushAsync();
                e.Abort();
                return;
            }
            await e.Json(200, "{}");
        });

        var response = await TestClients.For(server).InvokeAsync("GET", "products", null, null, TestClients.Call());

        Assert.Equal(2, response.Attempts);
    }

    [Fact]
    public async Task An_attempt_that_takes_too_long_is_abandoned_and_retried()
    {
        await using var server = await ScenarioServer.StartAsync(async e =>
        {
            if (e.Index == 0) await e.Delay(TimeSpan.FromSeconds(10));
            await e.Json(200, "{}");
        });
        var watch = Stopwatch.StartNew();

        // The retry has to answer within the same timeout, so it gets a whole second even on a busy machine.
        var response = await TestClients.For(server, TestClients.Settings(requestTimeoutSeconds: 1)).InvokeAsync("GET", "products", null, null, TestClients.Call());

        Assert.Equal(2, response.Attempts);
        Assert.InRange(watch.Elapsed.TotalSeconds, 0.95, 5);
        AssertOneLogicalRequest(server, 2);
    }

    [Fact]
    public async Task Every_attempt_timing_out_is_a_timeout_error_that_counts_the_attempts()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Delay(TimeSpan.FromSeconds(10)));

        var error = await Assert.ThrowsAsync<AdsumoException>(() =>
            TestClients.For(server, TestClients.Settings(maxRetries: 1, requestTimeoutSeconds: 0.2)).GetCreditsAsync(TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.Timeout, error.Kind);
        Assert.Equal(2, error.Attempts);
        Assert.Contains("after 2 attempts", error.Message, StringComparison.Ordinal);
        Assert.Contains("no complete answer within 0.2 s", error.Message, StringComparison.Ordinal);
        AssertOneLogicalRequest(server, 2);
    }

    [Fact]
    public async Task A_refused_connection_is_retried_and_then_reported_as_refused()
    {
        var error = await Assert.ThrowsAsync<AdsumoException>(() =>
            TestClients.For(new Uri($"http://127.0.0.1:{ClosedPort.Find()}/api/v1"), TestClients.Settings(maxRetries: 2)).GetCreditsAsync(TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.NetworkError, error.Kind);
        Assert.Equal(3, error.Attempts);
        Assert.Contains("refused", error.Message, StringComparison.Ordinal);
    }
}
