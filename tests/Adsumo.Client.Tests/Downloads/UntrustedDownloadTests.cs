using System;
using System.Linq;
using System.Threading.Tasks;
using Adsumo.Client.Tests.Infrastructure;

namespace Adsumo.Client.Tests.Downloads;

/// <summary>
/// Downloads from URLs and file hosts the service chose: redirects lead only to http(s) and end, Retry-After is
/// honoured as for API requests, and the local disk's failures are told apart from the network's.
/// </summary>
public sealed class UntrustedDownloadTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://127.0.0.1/x.mp4")]
    public async Task A_redirect_away_from_http_is_not_followed(string location)
    {
        await using var files = await ScenarioServer.StartAsync(e => e.Status(302, ("Location", location)));

        var error = await Assert.ThrowsAsync<AdsumoException>(() =>
            TestClients.For(files).Downloads.DownloadAsync(new Uri(files.Root + "/r.mp4"), _folder.File("r.mp4"), false, null, null, TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.DownloadFailed, error.Kind);
        Assert.Contains("does not follow", error.Message, StringComparison.Ordinal);
        Assert.Single(files.Requests);
        Assert.Empty(_folder.Files());
    }

    [Fact]
    public async Task Redirects_are_followed_five_times_at_most()
    {
        await using var files = await ScenarioServer.StartAsync(e => e.Status(302, ("Location", "/again" + e.Index)));

        var error = await Assert.ThrowsAsync<AdsumoException>(() =>
            TestClients.For(files).Downloads.DownloadAsync(new Uri(files.Root + "/r.mp4"), _folder.File("r.mp4"), false, null, null, TestClients.Call()));

        Assert.Contains("more than 5 times", error.Message, StringComparison.Ordinal);
        Assert.Equal(6, files.Requests.Count);
    }

    [Fact]
    public async Task A_relative_redirect_within_http_is_followed()
    {
        var body = DownloadTests.FileBody(5000);
        var serve = DownloadTests.Serving(body);
        await using var files = await ScenarioServer.StartAsync(e => e.Request.Path == "/r.mp4" ? e.Status(307, ("Location", "/moved/r.mp4")) : serve(e));

        var result = await TestClients.For(files).Downloads.DownloadAsync(new Uri(files.Root + "/r.mp4"), _folder.File("r.mp4"), false, null, null, TestClients.Call());

        Assert.Equal(body.Length, result.Bytes);
        Assert.Equal(new[] { "/r.mp4", "/moved/r.mp4" }, files.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task A_download_waits_as_the_file_host_asks()
    {
        var serve = DownloadTests.Serving(DownloadTests.FileBody(1000));
        await using var files = await ScenarioServer.StartAsync(e => e.Index == 0 ? e.Status(503, ("Retry-After", "0.6")) : serve(e));

        await TestClients.For(files, TestClients.Settings(baseDelayMs: 1)).Downloads.DownloadAsync(new Uri(files.Root + "/r.mp4"), _folder.File("r.mp4"), false, null, null, TestClients.Call());

        var times = files.Requests.Select(r => r.ArrivedAt).ToList();
        Assert.Equal(2, times.Count);
        // The backoff alone would have waited a millisecond or two.
        Assert.True(times[1] - times[0] >= TimeSpan.FromMilliseconds(550), $"retried after {(times[1] - times[0]).TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task A_folder_that_takes_no_file_fails_at_once_and_is_not_retried_as_a_network_failure()
    {
        // /sys refuses new files even to root (the suite runs on Linux, as .ci/run does, often as root, where a
        // folder's permissions alone would refuse nothing).
        await using var files = await ScenarioServer.StartAsync(DownloadTests.Serving(DownloadTests.FileBody(5000)));

        var error = await Assert.ThrowsAnyAsync<AdsumoException>(() =>
            TestClients.For(files, TestClients.Settings(maxRetries: 5)).Downloads.DownloadAsync(new Uri(files.Root + "/r.mp4"), "/sys/adsumo-r.mp4", false, null, null, TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.FileWriteFailed, error.Kind);
        Assert.IsType<UnauthorizedAccessException>(error.InnerException);
        Assert.Single(files.Requests);
    }
}
