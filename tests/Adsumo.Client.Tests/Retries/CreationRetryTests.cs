using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Adsumo.Client.Tests.Infrastructure;

namespace Adsumo.Client.Tests.Retries;

/// <summary>
/// A creation that may have reached the service is never sent again, so nothing is created or charged twice; it
/// is resent only when the service certainly did not act (a 429, a refused connection).
/// Each test's POST is the first request on a fresh server, so it travels on a new connection, which the .NET
/// handler never resends by itself.
/// </summary>
public sealed class CreationRetryTests
{
    private static ProductDraft Draft() => new() { Name = "Shoe", Description = "Light", Category = "Footwear", ImageUrl = "https://cdn.example/shoe.png" };

    private static readonly string Created = Payloads.Product("550e8400-e29b-41d4-a716-446655440000");

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task A_server_error_is_not_retried(int status)
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Json(status, Payloads.Error("internal_error", "Boom")));

        var error = await Assert.ThrowsAsync<AdsumoException>(() => TestClients.For(server).CreateProductAsync(Draft(), TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.ServerError, error.Kind);
        Assert.Equal(1, error.Attempts);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_reset_is_not_retried_and_says_the_service_may_have_acted()
    {
        await using var server = await ScenarioServer.StartAsync(e =>
        {
            e.Abort();
            return Task.CompletedTask;
        });

        var error = await Assert.ThrowsAsync<AdsumoException>(() => TestClients.For(server).CreateProductAsync(Draft(), TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.NetworkError, error.Kind);
        Assert.Equal(1, error.Attempts);
        Assert.Contains("not sent again", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_timeout_is_not_retried()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Delay(TimeSpan.FromSeconds(20)));

        // Long enough for the request to reach the server on a busy machine, so that the one request is seen.
        var error = await Assert.ThrowsAsync<AdsumoException>(() =>
            TestClients.For(server, TestClients.Settings(requestTimeoutSeconds: 2)).CreateProductAsync(Draft(), TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.Timeout, error.Kind);
        Assert.Contains("not sent again", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_malformed_success_is_not_retried()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Json(201, "{\"id\":\"550e8400"));

        var error = await Assert.ThrowsAsync<AdsumoException>(() => TestClients.For(server).CreateProductAsync(Draft(), TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.InvalidResponse, error.Kind);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_rate_limit_is_retried_with_the_same_body_and_request_id()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Index == 0
            ? e.Json(429, Payloads.Error("rate_limited", "Slow down"), ("Retry-After", "0"))
            : e.Json(201, Created));

        var product = await TestClients.For(server).CreateProductAsync(Draft(), TestClients.Call());

        Assert.Equal("Trail Shoe", product.Name);
        var requests = server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal("POST", r.Method));
        Assert.Equal(requests[0].Body, requests[1].Body);
        Assert.Contains("\"name\":\"Shoe\"", requests[1].Body, StringComparison.Ordinal);
        Assert.Equal(requests[0].Header("X-Request-Id"), requests[1].Header("X-Request-Id"));
    }

    [Fact]
    public async Task A_generation_is_posted_once_on_a_server_error_and_looked_for_rather_than_resent()
    {
        // The list that would show what the request made answers 503 too: the outcome cannot be found out.
        await using var server = await ScenarioServer.StartAsync(e => e.Json(503, Payloads.Error("unavailable", "Try later")));
        var draft = new AiVideoDraft { Prompt = "a shoe on a beach", Model = "veo-3.1" };

        var error = await Assert.ThrowsAsync<AdsumoException>(() => TestClients.For(server).CreateGenerationAsync(draft, TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.OutcomeUnknown, error.Kind);
        Assert.True(error.MayHaveBeenCreated);
        Assert.Equal("/api/v1/videos/ai-video", Assert.Single(server.Requests, r => r.Method == "POST").Path);
        Assert.All(server.Requests.Where(r => r.Method != "POST"), r => Assert.Equal("/api/v1/generations", r.Path));
    }

    [Fact]
    public async Task A_refused_connection_is_retried_because_nothing_was_sent()
    {
        var log = new RecordingLog();
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<AdsumoException>(() =>
            TestClients.For(new Uri($"http://127.0.0.1:{ClosedPort.Find()}/api/v1"), TestClients.Settings(maxRetries: 3)).CreateProductAsync(Draft(), log.Call()));

        Assert.Equal(AdsumoErrorKind.NetworkError, error.Kind);
        Assert.Equal(4, error.Attempts);
        Assert.Contains("failed after 4 attempts", error.Message, StringComparison.Ordinal);
        Assert.Contains("the connection was refused", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not sent again", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, log.VerboseLines.Count(l => l.StartsWith("Retrying POST", StringComparison.Ordinal)));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_reset_on_a_reused_connection_is_not_resent_by_the_http_handler_either()
    {
        // SocketsHttpHandler may transparently resend a request that failed on a pooled connection; a creation
        // must not be among them.
        await using var server = await ScenarioServer.StartAsync(e =>
        {
            if (e.Request.Method != "POST") return e.Json(200, """{"credits_used":1,"credits_limit":2}""");
            e.Abort();
            return Task.CompletedTask;
        });
        var client = TestClients.For(server);
        await client.GetCreditsAsync(TestClients.Call());

        var error = await Assert.ThrowsAsync<AdsumoException>(() => client.CreateProductAsync(Draft(), TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.NetworkError, error.Kind);
        Assert.Equal(new[] { "GET", "POST" }, server.Requests.Select(r => r.Method));
    }
}
