using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Adsumo.Client.Tests.Downloads;
using Adsumo.Client.Tests.Infrastructure;

namespace Adsumo.Client.Tests.Hostile;

/// <summary>
/// Downloads from URLs the service chose: only absolute http(s) is fetched, redirects lead only there, and the
/// local disk's failures are told apart from the network's.
/// </summary>
public sealed class HostileDownloadTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("/files/result.mp4")]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://127.0.0.1/result.mp4")]
    [InlineData("javascript:alert(1)")]
    [InlineData("")]
    [InlineData(null)]
    public void A_url_that_is_not_absolute_http_is_refused_before_any_request(string? url)
    {
        var error = Assert.Throws<AdsumoException>(() => ResultDownloader.HttpUrl(url, "generation x"));

        Assert.Equal(AdsumoErrorKind.DownloadFailed, error.Kind);
        Assert.Contains("generation x", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("file:///etc/passwd", "a file: URL")]
    [InlineData("ftp://127.0.0.1/x.mp4", "a ftp: URL")]
    public async Task A_redirect_away_from_http_is_not_followed(string location, string said)
    {
        await using var files = await ScenarioServer.StartAsync(e => e.Status(302, ("Location", location)));

        var error = await Assert.ThrowsAsync<AdsumoException>(() =>
            TestClients.For(files).Downloads.DownloadAsync(new Uri(files.Root + "/r.mp4"), _folder.File("r.mp4"), false, null, null, TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.DownloadFailed, error.Kind);
        Assert.Contains(said, error.Message, StringComparison.Ordinal);
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
    public async Task A_folder_that_takes_no_file_fails_at_once_and_is_not_retried_as_a_network_failure()
    {
        // /sys refuses new files even to root (the suite runs on Linux, as .ci/run does, often as root, where a
        // folder's permissions alone would refuse nothing).
        await using var files = await ScenarioServer.StartAsync(DownloadTests.Serving(DownloadTests.FileBody(5000)));

        var error = await Assert.ThrowsAsync<AdsumoException>(() =>
            TestClients.For(files, TestClients.Settings(maxRetries: 5)).Downloads.DownloadAsync(new Uri(files.Root + "/r.mp4"), "/sys/adsumo-r.mp4", false, null, null, TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.WriteFailed, error.Kind);
        Assert.IsType<UnauthorizedAccessException>(error.InnerException);
        Assert.Single(files.Requests);
    }

    [Fact]
    public async Task A_destination_name_at_the_limit_downloads_through_a_shortened_temporary_name()
    {
        var body = DownloadTests.FileBody(5000);
        await using var files = await ScenarioServer.StartAsync(DownloadTests.Serving(body));
        var destination = _folder.File(new string('n', 251) + ".mp4");

        await TestClients.For(files).Downloads.DownloadAsync(new Uri(files.Root + "/r.mp4"), destination, false, null, null, TestClients.Call());

        Assert.Equal(body, await File.ReadAllBytesAsync(destination));
        Assert.Single(files.Requests);
        Assert.Equal(new[] { destination }, _folder.Files());
    }

    [Fact]
    public void A_destination_name_over_the_limit_is_refused_before_anything_is_sent()
    {
        var error = Assert.Throws<AdsumoInputException>(() => ResultDownloader.CheckDestination(_folder.File(new string('n', 300) + ".mp4"), false));

        Assert.Equal(ErrorReason.InvalidFilePath, error.Reason);
    }

    [Fact]
    public async Task A_body_shorter_than_announced_that_the_transport_lets_through_is_still_caught_and_retried()
    {
        // Sockets enforce Content-Length, so this needs a transport that does not: the downloader's own check is
        // then all that stands between a cut body and a short file.
        var handler = new ShortBodyHandler(announced: 10_000, sent: 4_000);
        var downloader = new ResultDownloader(TestClients.Settings(maxRetries: 2), new HttpClient(handler));

        var error = await Assert.ThrowsAsync<AdsumoException>(() =>
            downloader.DownloadAsync(new Uri("http://files.example/r.mp4"), _folder.File("r.mp4"), false, null, null, TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.DownloadFailed, error.Kind);
        Assert.Contains("ended after 4000 of 10000 bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, handler.Calls);
        Assert.Empty(_folder.Files());
    }

    private sealed class ShortBodyHandler(long announced, int sent) : HttpMessageHandler
    {
        private int _calls;

        public int Calls => _calls;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            var content = new ByteArrayContent(new byte[sent]);
            content.Headers.ContentLength = announced;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }
}
