using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Adsumo.Client.Tests.Infrastructure;

namespace Adsumo.Client.Tests.Downloads;

/// <summary>Result files come from presigned URLs on other hosts: they are fetched without the key and written safely.</summary>
public sealed class DownloadTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    internal static byte[] FileBody(int size) => Enumerable.Range(0, size).Select(i => (byte)(i * 7)).ToArray();

    internal static Func<Exchange, Task> Serving(byte[] body, string contentType = "video/mp4") => async e =>
    {
        e.Context.Response.ContentType = contentType;
        e.Context.Response.ContentLength = body.Length;
        await e.Context.Response.Body.WriteAsync(body);
    };

    [Fact]
    public async Task A_file_is_fetched_without_the_key_and_saved_whole()
    {
        var body = FileBody(300_000);
        await using var files = await ScenarioServer.StartAsync(Serving(body));
        var destination = _folder.File("result.mp4");

        var result = await TestClients.For(files).Downloads.DownloadAsync(new Uri(files.Root + "/bucket/g1.mp4?X-Amz-Signature=abc"), destination, false, null, null, TestClients.Call());

        Assert.Equal(body, await File.ReadAllBytesAsync(destination));
        Assert.Equal(body.Length, result.Bytes);
        Assert.Equal("video/mp4", result.ContentType);
        Assert.Equal(destination, result.Path);
        var request = Assert.Single(files.Requests);
        Assert.Null(request.Header("Authorization"));
        Assert.Equal("?X-Amz-Signature=abc", request.Query);
        Assert.Equal(new[] { destination }, _folder.Files());
    }

    [Fact]
    public async Task A_redirect_to_another_file_host_carries_no_key_either()
    {
        var body = FileBody(1000);
        await using var storage = await ScenarioServer.StartAsync(Serving(body));
        await using var files = await ScenarioServer.StartAsync(e => e.Status(302, ("Location", storage.Root + "/real/file.mp4")));

        await TestClients.For(files).Downloads.DownloadAsync(new Uri(files.Root + "/file.mp4"), _folder.File("a.mp4"), false, null, null, TestClients.Call());

        Assert.Null(Assert.Single(files.Requests).Header("Authorization"));
        Assert.Null(Assert.Single(storage.Requests).Header("Authorization"));
    }

    [Fact]
    public async Task Progress_starts_at_zero_and_reaches_the_total()
    {
        var body = FileBody(2_000_000);
        await using var files = await ScenarioServer.StartAsync(Serving(body));
        var reports = new List<DownloadProgress>();

        await TestClients.For(files).Downloads.DownloadAsync(new Uri(files.Root + "/big.mp4"), _folder.File("big.mp4"), false, null, p => reports.Add(p), TestClients.Call());

        Assert.Equal(0, reports[0].Received);
        Assert.Equal(body.Length, reports[^1].Received);
        Assert.All(reports, r => Assert.Equal(body.Length, r.Total));
        Assert.Equal(reports.Select(r => r.Received).OrderBy(r => r), reports.Select(r => r.Received));
    }

    [Fact]
    public async Task An_existing_file_is_not_overwritten_without_being_asked_and_nothing_is_fetched()
    {
        await using var files = await ScenarioServer.StartAsync(Serving(FileBody(10)));
        var destination = _folder.File("keep.mp4");
        await File.WriteAllTextAsync(destination, "precious");

        var error = await Assert.ThrowsAsync<AdsumoInputException>(() =>
            TestClients.For(files).Downloads.DownloadAsync(new Uri(files.Root + "/x.mp4"), destination, false, null, null, TestClients.Call()));

        Assert.Equal("FileExists", error.Reason);
        Assert.Equal("precious", await File.ReadAllTextAsync(destination));
        Assert.Empty(files.Requests);
    }

    [Fact]
    public async Task An_existing_file_is_replaced_when_asked()
    {
        var body = FileBody(5000);
        await using var files = await ScenarioServer.StartAsync(Serving(body));
        var destination = _folder.File("replace.mp4");
        await File.WriteAllTextAsync(destination, "old content");

        await TestClients.For(files).Downloads.DownloadAsync(new Uri(files.Root + "/x.mp4"), destination, true, null, null, TestClients.Call());

        Assert.Equal(body, await File.ReadAllBytesAsync(destination));
        Assert.Equal(new[] { destination }, _folder.Files());
    }

    [Fact]
    public void A_folder_or_a_missing_folder_is_refused_before_anything_is_fetched()
    {
        Assert.Equal("PathIsFolder", Assert.Throws<AdsumoInputException>(() => ResultDownloader.CheckDestination(_folder.Path, true)).Reason);
        Assert.Equal("FolderNotFound", Assert.Throws<AdsumoInputException>(() => ResultDownloader.CheckDestination(_folder.File("missing/x.mp4"), true)).Reason);
    }

    [Fact]
    public async Task A_server_error_is_retried()
    {
        var body = FileBody(1000);
        var serve = Serving(body);
        await using var files = await ScenarioServer.StartAsync(e => e.Index == 0 ? e.Status(503) : serve(e));

        await TestClients.For(files).Downloads.DownloadAsync(new Uri(files.Root + "/x.mp4"), _folder.File("x.mp4"), false, null, null, TestClients.Call());

        Assert.Equal(2, files.Requests.Count);
        Assert.Equal(body, await File.ReadAllBytesAsync(_folder.File("x.mp4")));
    }

    [Fact]
    public async Task The_file_is_written_beside_the_destination_under_another_name_and_renamed_when_complete()
    {
        var body = FileBody(100_000);
        var halfway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var files = await ScenarioServer.StartAsync(async e =>
        {
            e.Context.Response.ContentLength = body.Length;
            await e.Context.Response.Body.WriteAsync(body.AsMemory(0, 50_000));
            await e.Context.Response.Body.FlushAsync();
            halfway.TrySetResult();
            await resume.Task;
            await e.Context.Response.Body.WriteAsync(body.AsMemory(50_000));
        });
        var destination = _folder.File("result.png");

        var download = TestClients.For(files).Downloads.DownloadAsync(new Uri(files.Root + "/r.png"), destination, false, null, null, TestClients.Call());
        await halfway.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await WaitUntil(() => _folder.Files().Length > 0);
        var during = _folder.Files();
        resume.TrySetResult();
        await download;

        // Halfway through, only the temporary file exists: the destination appears whole or not at all.
        var partial = Assert.Single(during);
        Assert.Equal(_folder.Path, Path.GetDirectoryName(partial));
        Assert.StartsWith(".result.png.", Path.GetFileName(partial), StringComparison.Ordinal);
        Assert.EndsWith(".partial", partial, StringComparison.Ordinal);
        Assert.Equal(new[] { destination }, _folder.Files());
        Assert.Equal(body, await File.ReadAllBytesAsync(destination));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++) await Task.Delay(10);
        Assert.True(condition(), "the condition never became true");
    }
}
