using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Adsumo.Client.Http;
using Adsumo.Client.Tests.Infrastructure;

namespace Adsumo.Client.Tests.Hostile;

/// <summary>Retry-After comes from the network: one reader range-checks it for requests, downloads and errors alike.</summary>
public sealed class RetryAfterRangeTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static TimeSpan? Read(string value)
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("Retry-After", value);
        return RetryPolicy.ReadRetryAfter(response, Now, Limit);
    }

    [Theory]
    [InlineData("1e300")]
    [InlineData("99999999999")]
    [InlineData("2147483647")]
    [InlineData("Fri, 31 Dec 9999 23:59:59 GMT")]
    [InlineData("1.7976931348623157E+308")]
    public void A_value_beyond_the_limit_is_the_limit(string value) => Assert.Equal(Limit, Read(value));

    [Theory]
    [InlineData("-5")]
    [InlineData("-1e300")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("soon")]
    [InlineData("")]
    public void A_value_that_is_not_a_number_of_seconds_from_zero_up_is_unreadable(string value) => Assert.Null(Read(value));

    [Theory]
    [InlineData("0", 0)]
    [InlineData("0.25", 0.25)]
    [InlineData("120", 120)]
    [InlineData("Thu, 15 Jan 2026 12:00:30 GMT", 30)]
    [InlineData("Wed, 21 Oct 2015 07:28:00 GMT", 0)]
    public void A_sane_value_is_taken_at_its_word(string value, double seconds) => Assert.Equal(TimeSpan.FromSeconds(seconds), Read(value));

    [Fact]
    public void The_limit_is_the_retry_timeout_and_never_more_than_a_day()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), RetryPolicy.RetryAfterLimit(new ConnectionSettings { RetryTimeout = TimeSpan.FromSeconds(5) }));
        Assert.Equal(TimeSpan.FromHours(24), RetryPolicy.RetryAfterLimit(new ConnectionSettings { RetryTimeout = TimeSpan.FromDays(3) }));
    }

    [Theory]
    [InlineData("1e300")]
    [InlineData("Fri, 31 Dec 9999 23:59:59 GMT")]
    public async Task A_request_asked_to_wait_for_ever_gives_up_at_once_with_a_bounded_figure(string retryAfter)
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Json(429, Payloads.Error("rate_limited", "later"), ("Retry-After", retryAfter)));

        var error = await Assert.ThrowsAsync<AdsumoException>(() =>
            TestClients.For(server, TestClients.Settings(maxRetries: 5)).GetProductAsync(Payloads.IdOf(1), TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.RateLimited, error.Kind);
        Assert.Single(server.Requests);
        Assert.Equal(RetryPolicy.MaxRetryAfter.TotalSeconds, error.RetryAfterSeconds);
    }

    [Fact]
    public async Task A_download_waits_as_the_file_host_asks()
    {
        var body = Downloads.DownloadTests.FileBody(1000);
        var serve = Downloads.DownloadTests.Serving(body);
        await using var files = await ScenarioServer.StartAsync(e => e.Index == 0 ? e.Status(503, ("Retry-After", "0.6")) : serve(e));

        await TestClients.For(files, TestClients.Settings(baseDelayMs: 1)).Downloads.DownloadAsync(new Uri(files.Root + "/r.mp4"), _folder.File("r.mp4"), false, null, null, TestClients.Call());

        var times = files.Requests.Select(r => r.ArrivedAt).ToList();
        Assert.Equal(2, times.Count);
        // The backoff alone would have waited a millisecond or two.
        Assert.True(times[1] - times[0] >= TimeSpan.FromMilliseconds(550), $"retried after {(times[1] - times[0]).TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task A_download_asked_to_wait_for_ever_gives_up_at_once()
    {
        await using var files = await ScenarioServer.StartAsync(e => e.Status(429, ("Retry-After", "1e300")));

        var error = await Assert.ThrowsAsync<AdsumoException>(() =>
            TestClients.For(files, TestClients.Settings(maxRetries: 5)).Downloads.DownloadAsync(new Uri(files.Root + "/r.mp4"), _folder.File("r.mp4"), false, null, null, TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.DownloadFailed, error.Kind);
        Assert.Single(files.Requests);
        Assert.Empty(_folder.Files());
    }
}
