using System;
using System.Net.Http;
using System.Threading.Tasks;
using Adsumo.Emulator.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Adsumo.Emulator.Tests;

[CollectionDefinition(nameof(MemorySensitive), DisableParallelization = true)]
public sealed class MemorySensitive;

/// <summary>Runs alone, so that the process's allocations are this test's.</summary>
[Collection(nameof(MemorySensitive))]
public sealed class LargeFileTests(ITestOutputHelper output)
{
    private const long FileSize = 50L * 1024 * 1024;

    [Fact]
    public async Task A_50_MB_file_is_streamed_without_being_held_in_memory()
    {
        await using var server = await EmulatorServer.StartAsync("--result-bytes", FileSize.ToString(), "--generation-seconds", "0");
        var key = EmulatorServer.NewKey();
        var url = await server.ResultUrlAsync(key, await server.SubmitAiVideoAsync(key));
        var buffer = new byte[81920];

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        using var response = await server.Http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        long total = 0;
        int read;
        var first = true;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            if (first && read >= 8) Assert.Equal("ftyp"u8.ToArray(), buffer[4..8]);
            first = false;
            total += read;
        }
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        output.WriteLine($"Streaming {FileSize / 1024 / 1024} MB allocated {allocated / 1024} KB in the test process (server and client).");

        Assert.Equal(FileSize, response.Content.Headers.ContentLength);
        Assert.Equal(FileSize, total);
        Assert.True(allocated < 8 * 1024 * 1024, $"Streaming 50 MB allocated {allocated / 1024} KB.");
    }
}
