using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Adsumo.Client.Tests.Infrastructure;

namespace Adsumo.Client.Tests.Downloads;

/// <summary>Presigned URLs expire after an hour; a refused one is replaced by polling the generation again.</summary>
public sealed class ExpiredUrlTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(403)]
    [InlineData(400)]
    [InlineData(404)]
    public async Task A_refused_url_is_replaced_by_a_fresh_one(int status)
    {
        var body = DownloadTests.FileBody(4096);
        var serve = DownloadTests.Serving(body);
        await using var files = await ScenarioServer.StartAsync(e => e.Request.Path == "/expired.mp4" ? e.Status(status) : serve(e));
        var asked = 0;

        var result = await TestClients.For(files).Downloads.DownloadAsync(new Uri(files.Root + "/expired.mp4"), _folder.File("r.mp4"), false,
            _ =>
            {
                Interlocked.Increment(ref asked);
                return Task.FromResult<Uri?>(new Uri(files.Root + "/fresh.mp4"));
            }, null, TestClients.Call());

        Assert.Equal(1, asked);
        Assert.Equal(body.Length, result.Bytes);
        Assert.Equal(new[] { "/expired.mp4", "/fresh.mp4" }, files.Requests.Select(r => r.Path));
        Assert.Equal(body, await File.ReadAllBytesAsync(_folder.File("r.mp4")));
    }

    [Fact]
    public async Task Without_a_way_to_refresh_a_refused_url_fails_with_its_status()
    {
        await using var files = await ScenarioServer.StartAsync(e => e.Status(403));

        var error = await Assert.ThrowsAsync<AdsumoException>(() =>
            TestClients.For(files).Downloads.DownloadAsync(new Uri(files.Root + "/x.mp4"), _folder.File("r.mp4"), false, null, null, TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.DownloadFailed, error.Kind);
        Assert.Equal(403, error.StatusCode);
        Assert.Contains("expired", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refreshing_is_bounded_when_every_url_is_refused()
    {
        await using var files = await ScenarioServer.StartAsync(e => e.Status(403));
        var asked = 0;

        var error = await Assert.ThrowsAsync<AdsumoException>(() =>
            TestClients.For(files).Downloads.DownloadAsync(new Uri(files.Root + "/x.mp4"), _folder.File("r.mp4"), false,
                _ =>
                {
                    Interlocked.Increment(ref asked);
                    return Task.FromResult<Uri?>(new Uri(files.Root + "/again.mp4"));
                }, null, TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.DownloadFailed, error.Kind);
        Assert.Equal(2, asked);
        Assert.Equal(3, files.Requests.Count);
        Assert.Empty(_folder.Files());
    }

    [Fact]
    public async Task No_fresh_url_from_the_service_is_a_download_failure()
    {
        await using var files = await ScenarioServer.StartAsync(e => e.Status(403));

        var error = await Assert.ThrowsAsync<AdsumoException>(() =>
            TestClients.For(files).Downloads.DownloadAsync(new Uri(files.Root + "/x.mp4"), _folder.File("r.mp4"), false,
                _ => Task.FromResult<Uri?>(null), null, TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.DownloadFailed, error.Kind);
        Assert.Contains("no fresh one", error.Message, StringComparison.Ordinal);
    }
}
