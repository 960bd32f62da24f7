using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Adsumo.Client.Tests.Infrastructure;

namespace Adsumo.Client.Tests.Downloads;

/// <summary>A download that fails or is stopped leaves the destination exactly as it was, and no temporary file behind.</summary>
public sealed class DownloadFailureTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<string> ExistingFile()
    {
        var destination = _folder.File("result.mp4");
        await File.WriteAllTextAsync(destination, "the previous result");
        return destination;
    }

    private async Task AssertUntouched(string destination)
    {
        Assert.Equal("the previous result", await File.ReadAllTextAsync(destination));
        Assert.Equal(new[] { destination }, _folder.Files());
    }

    [Fact]
    public async Task A_body_shorter_than_announced_fails_and_leaves_the_old_file()
    {
        await using var files = await ScenarioServer.StartAsync(async e =>
        {
            e.Context.Response.ContentLength = 100_000;
            await e.Context.Response.Body.WriteAsync(DownloadTests.FileBody(40_000));
            await e.Context.Response.Body.FlushAsync();
            e.Abort();
        });
        var destination = await ExistingFile();

        var error = await Assert.ThrowsAsync<AdsumoException>(() =>
            TestClients.For(files, TestClients.Settings(maxRetries: 2)).Downloads.DownloadAsync(new Uri(files.Root + "/x.mp4"), destination, true, null, null, TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.DownloadFailed, error.Kind);
        Assert.Equal(3, error.Attempts);
        Assert.Equal(3, files.Requests.Count);
        await AssertUntouched(destination);
    }

    [Fact]
    public async Task A_cancelled_download_leaves_the_old_file()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var files = await ScenarioServer.StartAsync(e =>
        {
            started.TrySetResult();
            return e.Trickle(200, DownloadTests.FileBody(200_000), 1000, TimeSpan.FromMilliseconds(20));
        });
        var destination = await ExistingFile();
        using var cancel = new CancellationTokenSource();
        var download = TestClients.For(files).Downloads.DownloadAsync(new Uri(files.Root + "/x.mp4"), destination, true, null, null, CallContext.Silent(cancel.Token));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        // Part of the body is in the temporary file by now.
        await Task.Delay(300);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => download);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
        await AssertUntouched(destination);
    }

    [Fact]
    public async Task A_download_that_stalls_times_out_and_leaves_the_old_file()
    {
        await using var files = await ScenarioServer.StartAsync(async e =>
        {
            e.Context.Response.ContentLength = 10_000;
            await e.Context.Response.Body.WriteAsync(new byte[100]);
            await e.Context.Response.Body.FlushAsync();
            await e.Delay(TimeSpan.FromSeconds(20));
        });
        var destination = await ExistingFile();

        var error = await Assert.ThrowsAsync<AdsumoException>(() =>
            TestClients.For(files, TestClients.Settings(maxRetries: 1, requestTimeoutSeconds: 0.3)).Downloads.DownloadAsync(new Uri(files.Root + "/x.mp4"), destination, true, null, null, TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.DownloadFailed, error.Kind);
        Assert.Contains("stalled", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, files.Requests.Count);
        await AssertUntouched(destination);
    }

    [Fact]
    public async Task A_failed_first_download_leaves_no_file_at_all()
    {
        await using var files = await ScenarioServer.StartAsync(e => e.Status(500));
        var destination = _folder.File("new.mp4");

        await Assert.ThrowsAsync<AdsumoException>(() =>
            TestClients.For(files, TestClients.Settings(maxRetries: 1)).Downloads.DownloadAsync(new Uri(files.Root + "/x.mp4"), destination, false, null, null, TestClients.Call()));

        Assert.Empty(_folder.Files());
    }

    [Fact]
    public async Task Another_status_is_a_download_failure_without_retries()
    {
        await using var files = await ScenarioServer.StartAsync(e => e.Status(416));

        var error = await Assert.ThrowsAsync<AdsumoException>(() =>
            TestClients.For(files).Downloads.DownloadAsync(new Uri(files.Root + "/x.mp4"), _folder.File("x.mp4"), false, null, null, TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.DownloadFailed, error.Kind);
        Assert.Equal(416, error.StatusCode);
        Assert.Single(files.Requests);
    }
}
