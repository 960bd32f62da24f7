using System.Linq;
using System.Threading.Tasks;
using Adsumo.Client.Tests.Infrastructure;

namespace Adsumo.Client.Tests.Paging;

/// <summary>The avatar lists have no paging in the contract, but must not be cut short should the service add it.</summary>
public sealed class UnpagedListTests
{
    [Fact]
    public async Task Custom_avatars_are_read_from_a_bare_array()
    {
        await using var server = await ScenarioServer.StartAsync(e =>
            e.Json(200, "[" + Payloads.Avatar(Payloads.IdOf(1), "custom") + "," + """{"id":"a-2","name":"No type"}""" + "]"));

        var avatars = await TestClients.For(server).ListCustomAvatarsAsync(TestClients.Call());

        Assert.Equal(2, avatars.Count);
        Assert.Equal("custom", avatars[1].Type);
        Assert.Equal("/api/v1/avatars/custom", Assert.Single(server.Requests).Path);
    }

    [Fact]
    public async Task Platform_avatars_are_read_from_the_data_envelope()
    {
        await using var server = await ScenarioServer.StartAsync(e =>
            e.Json(200, Payloads.Page(Enumerable.Range(0, 3).Select(n => Payloads.Avatar(Payloads.IdOf(n))), null, 0, 0)));

        var avatars = await TestClients.For(server).ListPlatformAvatarsAsync(TestClients.Call());

        Assert.Equal(3, avatars.Count);
        Assert.All(avatars, a => Assert.Equal("platform", a.Type));
        Assert.Equal("", Assert.Single(server.Requests).Query);
    }

    [Fact]
    public async Task A_total_larger_than_the_first_answer_fetches_the_rest()
    {
        await using var server = await ScenarioServer.StartAsync(e =>
        {
            var offset = int.Parse(e.Request.QueryValue("offset") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            var items = Enumerable.Range(offset, System.Math.Min(100, 230 - offset)).Select(n => Payloads.Avatar(Payloads.IdOf(n)));
            return e.Json(200, Payloads.Page(items, 230, 100, offset));
        });

        var avatars = await TestClients.For(server).ListPlatformAvatarsAsync(TestClients.Call());

        Assert.Equal(Enumerable.Range(0, 230).Select(Payloads.IdOf), avatars.Select(a => a.Id));
        Assert.Equal(new[] { "", "?limit=100&offset=100", "?limit=100&offset=200" }, server.Requests.Select(r => r.Query));
    }
}
