using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Adsumo.Client.Tests.Infrastructure;

namespace Adsumo.Client.Tests.Retries;

/// <summary>
/// The base delay is 10 ms in these tests, so a gap of about a second between attempts can only come from the
/// server's Retry-After. Gaps are measured on the server, where the attempts arrive.
/// </summary>
public sealed class RetryAfterTests
{
    private static TimeSpan GapBetweenAttempts(ScenarioServer server)
    {
        var requests = server.Requests;
        Assert.Equal(2, requests.Count);
        return requests[1].ArrivedAt - requests[0].ArrivedAt;
    }

    [Fact]
    public async Task Retry_after_in_seconds_is_waited_for()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Index == 0
            ? e.Json(503, Payloads.Error("unavailable", "Busy"), ("Retry-After", "1"))
            : e.Json(200, "{}"));
        var log = new RecordingLog();

        await TestClients.For(server).InvokeAsync("GET", "products", null, null, log.Call());

        Assert.InRange(GapBetweenAttempts(server).TotalSeconds, 0.95, 3);
        Assert.Contains(log.VerboseLines, l => l.Contains("as Retry-After asked", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Retry_after_as_an_http_date_is_waited_for()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Index == 0
            ? e.Json(429, Payloads.Error("rate_limited", "Slow down"), ("Retry-After", DateTimeOffset.UtcNow.AddSeconds(2).ToString("r", CultureInfo.InvariantCulture)))
            : e.Json(200, "{}"));

        await TestClients.For(server).InvokeAsync("GET", "products", null, null, TestClients.Call());

        // HTTP dates have whole seconds, so "now + 2 s" is between 1 and 2 s away when the client reads it.
        Assert.InRange(GapBetweenAttempts(server).TotalSeconds, 0.9, 3.5);
    }

    [Fact]
    public async Task A_fractional_retry_after_from_a_proxy_is_read()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Index == 0
            ? e.Json(503, Payloads.Error("unavailable", "Busy"), ("Retry-After", "0.5"))
            : e.Json(200, "{}"));

        await TestClients.For(server).InvokeAsync("GET", "products", null, null, TestClients.Call());

        Assert.InRange(GapBetweenAttempts(server).TotalSeconds, 0.45, 3);
    }

    [Fact]
    public async Task A_date_in_the_past_means_at_once()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Index == 0
            ? e.Json(503, Payloads.Error("unavailable", "Busy"), ("Retry-After", DateTimeOffset.UtcNow.AddHours(-1).ToString("r", CultureInfo.InvariantCulture)))
            : e.Json(200, "{}"));

        await TestClients.For(server).InvokeAsync("GET", "products", null, null, TestClients.Call());

        Assert.True(GapBetweenAttempts(server) < TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Unreadable_retry_after_falls_back_to_backoff()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Index == 0
            ? e.Json(503, Payloads.Error("unavailable", "Busy"), ("Retry-After", "soon-ish"))
            : e.Json(200, "{}"));

        var response = await TestClients.For(server).InvokeAsync("GET", "products", null, null, TestClients.Call());

        Assert.Equal(2, response.Attempts);
        Assert.True(GapBetweenAttempts(server) < TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void The_policy_reads_both_forms_against_a_given_clock()
    {
        var now = new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);
        using var seconds = new System.Net.Http.HttpResponseMessage();
        seconds.Headers.TryAddWithoutValidation("Retry-After", "120");
        using var date = new System.Net.Http.HttpResponseMessage();
        date.Headers.TryAddWithoutValidation("Retry-After", "Thu, 15 Jan 2026 12:00:30 GMT");
        using var none = new System.Net.Http.HttpResponseMessage();

        Assert.Equal(TimeSpan.FromSeconds(120), Http.RetryPolicy.ReadRetryAfter(seconds, now));
        Assert.Equal(TimeSpan.FromSeconds(30), Http.RetryPolicy.ReadRetryAfter(date, now));
        Assert.Null(Http.RetryPolicy.ReadRetryAfter(none, now));
    }

    [Fact]
    public void Backoff_doubles_with_jitter_and_is_capped()
    {
        var baseDelay = TimeSpan.FromSeconds(1);
        var second = Enumerable.Range(0, 200).Select(_ => Http.RetryPolicy.DelayBefore(2, baseDelay, null)).ToList();
        var third = Enumerable.Range(0, 200).Select(_ => Http.RetryPolicy.DelayBefore(3, baseDelay, null)).ToList();
        var late = Http.RetryPolicy.DelayBefore(30, baseDelay, null);

        Assert.All(second, d => Assert.InRange(d.TotalMilliseconds, 500, 1000));
        Assert.All(third, d => Assert.InRange(d.TotalMilliseconds, 1000, 2000));
        Assert.True(second.Distinct().Count() > 1, "no jitter");
        Assert.InRange(late.TotalSeconds, 15, 30);
        Assert.Equal(TimeSpan.FromSeconds(3), Http.RetryPolicy.DelayBefore(2, baseDelay, TimeSpan.FromSeconds(3)));
    }
}
