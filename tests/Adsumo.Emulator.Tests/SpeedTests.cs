using System.Diagnostics;
using System.Linq;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using Adsumo.Emulator.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Adsumo.Emulator.Tests;

/// <summary>A rough throughput check over loopback; the figure is printed for the detailed test log.</summary>
[Collection(nameof(MemorySensitive))]
public sealed class SpeedTests(ITestOutputHelper output)
{
    private const int Requests = 2000;

    [Fact]
    public async Task Thousands_of_requests_a_second_over_loopback()
    {
        await using var server = await EmulatorServer.StartAsync();
        var key = EmulatorServer.NewKey();
        server.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        for (var i = 0; i < 200; i++) await Get(server);

        var sequential = Stopwatch.StartNew();
        for (var i = 0; i < Requests; i++) await Get(server);
        var sequentialRate = Requests / sequential.Elapsed.TotalSeconds;

        var parallel = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            for (var i = 0; i < Requests / 8; i++) await Get(server);
        }));
        var parallelRate = Requests / parallel.Elapsed.TotalSeconds;

        output.WriteLine($"GET /account/credits: {sequentialRate:F0} requests/s one at a time, {parallelRate:F0} requests/s with 8 in flight");
        Assert.True(sequentialRate > 500, $"{sequentialRate:F0} requests/s");
    }

    [Fact]
    public async Task A_page_costs_the_same_however_many_generations_a_team_has()
    {
        await using var server = await EmulatorServer.StartAsync();
        var key = EmulatorServer.NewKey();
        await server.SeedAsync(key, new { generations = new { count = 10_000 } });
        server.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        for (var i = 0; i < 50; i++) await server.Http.GetStringAsync("/api/v1/generations?limit=1&type=image");

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 500; i++) await server.Http.GetStringAsync("/api/v1/generations?limit=1&offset=5000&type=image");

        output.WriteLine($"500 pages of a 10,000-generation team: {watch.ElapsedMilliseconds} ms");
        Assert.True(watch.ElapsedMilliseconds < 5000, $"{watch.ElapsedMilliseconds} ms");
    }

    private static async Task Get(EmulatorServer server)
    {
        using var response = await server.Http.GetAsync("/api/v1/account/credits");
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
    }
}
