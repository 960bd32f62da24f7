using System.Threading.Tasks;
using Adsumo.Emulator.Tests.Infrastructure;

namespace Adsumo.Emulator.Tests;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Beyond_n_requests_a_minute_a_key_gets_429_with_retry_after()
    {
        await using var server = await EmulatorServer.StartAsync("--rate-limit", "3");
        var key = EmulatorServer.NewKey();

        for (var i = 0; i < 3; i++) Assert.Equal(200, (await server.GetAsync("/api/v1/account/credits", key)).Code);
        var limited = await server.GetAsync("/api/v1/account/credits", key);
        var other = await server.GetAsync("/api/v1/account/credits", EmulatorServer.NewKey());
        var control = await server.GetAsync("/_emulator/settings");

        Assert.Equal(429, limited.Code);
        Assert.Equal("rate_limited", limited.ErrorCode);
        Assert.InRange(int.Parse(limited.Header("Retry-After")!), 1, 60);
        Assert.Equal(200, other.Code);
        Assert.Equal(200, control.Code);
    }

    [Fact]
    public async Task The_limit_can_be_set_and_lifted_at_run_time()
    {
        await using var server = await EmulatorServer.StartAsync();
        var key = EmulatorServer.NewKey();

        await server.PutAsync("/_emulator/settings", new { rate_limit = 1 });
        var first = await server.GetAsync("/api/v1/products", key);
        var second = await server.GetAsync("/api/v1/products", key);
        await server.PutAsync("/_emulator/settings", new { rate_limit = (int?)null });
        var lifted = await server.GetAsync("/api/v1/products", key);

        Assert.Equal(200, first.Code);
        Assert.Equal(429, second.Code);
        Assert.Equal(200, lifted.Code);
        Assert.Equal(429, (await server.GetAsync("/_emulator/requests")).Json.GetProperty("data")[1].GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Off_by_default()
    {
        await using var server = await EmulatorServer.StartAsync();
        var key = EmulatorServer.NewKey();

        for (var i = 0; i < 200; i++) Assert.Equal(200, (await server.GetAsync("/api/v1/account/credits", key)).Code);
    }
}
