using System.Threading.Tasks;
using Adsumo.Client.Tests.Infrastructure;

namespace Adsumo.Client.Tests.Paging;

public sealed class ListFilterTests
{
    [Fact]
    public async Task Voice_filters_are_sent_and_absent_ones_left_out()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Json(200, Payloads.Page([Payloads.Voice("EXAVITQu4vr4xnSDxMaL")], 1, 100, 0)));

        var voices = await Drain.AllAsync(TestClients.For(server).ListVoices("female", null, "british", null, 0, ulong.MaxValue), TestClients.Call());

        Assert.Equal("EXAVITQu4vr4xnSDxMaL", Assert.Single(voices).Id);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/api/v1/voices", request.Path);
        Assert.Equal("female", request.QueryValue("gender"));
        Assert.Equal("british", request.QueryValue("accent"));
        Assert.Empty(request.QueryValues("age_group"));
        Assert.Empty(request.QueryValues("style"));
    }

    [Fact]
    public async Task Generation_filters_are_sent_with_the_paging()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Json(200, Payloads.Page([Payloads.Generation(Payloads.IdOf(1))], 1, 100, 0)));

        await Drain.AllAsync(TestClients.For(server).ListGenerations("ai-video", "failed", 0, ulong.MaxValue), TestClients.Call());

        var request = Assert.Single(server.Requests);
        Assert.Equal("/api/v1/generations", request.Path);
        Assert.Equal("ai-video", request.QueryValue("type"));
        Assert.Equal("failed", request.QueryValue("status"));
        Assert.Equal("100", request.QueryValue("limit"));
        Assert.Equal("0", request.QueryValue("offset"));
    }
}
