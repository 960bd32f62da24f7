using System.Threading.Tasks;
using Adsumo.Emulator.Tests.Infrastructure;

namespace Adsumo.Emulator.Tests;

public sealed class ResultUrlExpiryTests
{
    [Fact]
    public async Task A_url_expires_after_its_ttl_and_a_fresh_read_gives_a_working_one()
    {
        await using var server = await EmulatorServer.StartAsync("--url-ttl-seconds", "1", "--generation-seconds", "0");
        var key = EmulatorServer.NewKey();
        var id = await server.SubmitImageAsync(key);
        var url = await server.ResultUrlAsync(key, id);

        var fresh = await server.GetAsync(url);
        await Task.Delay(2100);
        var expired = await server.GetAsync(url);
        var renewed = await server.GetAsync(await server.ResultUrlAsync(key, id));

        Assert.Equal(200, fresh.Code);
        Assert.Equal(403, expired.Code);
        Assert.Equal("forbidden", expired.ErrorCode);
        Assert.Contains("expired", expired.ErrorMessage);
        Assert.Equal(200, renewed.Code);
    }

    [Fact]
    public async Task The_file_size_follows_the_setting()
    {
        await using var server = await EmulatorServer.StartAsync("--result-bytes", "1000", "--generation-seconds", "0");
        var key = EmulatorServer.NewKey();
        var url = await server.ResultUrlAsync(key, await server.SubmitImageAsync(key));

        var small = await server.GetAsync(url);
        await server.PutAsync("/_emulator/settings", new { result_bytes = 128 });
        var smaller = await server.GetAsync(url);

        Assert.Equal(1000, small.Bytes.Length);
        Assert.Equal(128, smaller.Bytes.Length);
        Assert.Equal(0x89, smaller.Bytes[0]);
    }
}
