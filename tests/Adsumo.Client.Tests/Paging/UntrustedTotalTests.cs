using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Adsumo.Client.Tests.Infrastructure;

namespace Adsumo.Client.Tests.Paging;

/// <summary>A total from the service is a claim, not a loop bound: lists that lie about it end, with what they read.</summary>
public sealed class UntrustedTotalTests
{
    private static long OffsetOf(Exchange e) => long.Parse(e.Context.Request.Query["offset"].ToString(), CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_total_that_flickers_while_nothing_new_is_read_ends_in_an_error_after_a_few_restarts()
    {
        // Offset 0 says 250, offset 100 says 249: each second page looks like a shrink and sends the walk back.
        await using var server = await ScenarioServer.StartAsync(e =>
        {
            var offset = OffsetOf(e);
            var ids = Enumerable.Range((int)offset, offset < 200 ? 100 : 50).Select(Payloads.IdOf).Select(id => Payloads.Product(id));
            return e.Json(200, Payloads.Page(ids, offset == 100 ? 249 : 250, 100, offset));
        });
        var query = TestClients.For(server).ListProducts(0, ulong.MaxValue);
        var read = 0;

        var error = await Assert.ThrowsAsync<AdsumoException>(async () =>
        {
            for (var pages = 0; !query.Done; pages++)
            {
                Assert.True(pages < 50, "the walk does not end");
                read += (await query.NextAsync(TestClients.Call())).Count;
            }
        });

        Assert.Equal(AdsumoErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("keeps changing", error.Message, StringComparison.Ordinal);
        Assert.Equal(200, read);
        // Each pass may fetch the pages after it ahead: still a handful of passes, never an endless walk.
        Assert.InRange(server.Requests.Count, 4, (PagedQuery<Product>.MaxFruitlessRestarts + 2) * 3);
    }

    [Fact]
    public async Task A_negative_total_is_no_total_and_the_pages_say_where_the_list_ends()
    {
        await using var server = await ScenarioServer.StartAsync(e =>
            e.Json(200, Payloads.Page(Enumerable.Range(0, 3).Select(Payloads.IdOf).Select(id => Payloads.Product(id)), -5, 100, OffsetOf(e))));
        var query = TestClients.For(server).ListProducts(0, ulong.MaxValue);

        var all = await Drain.AllAsync(query, TestClients.Call());

        Assert.Equal(3, all.Count);
        Assert.Null(query.Total);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task An_unpaged_list_that_repeats_its_page_under_a_huge_total_ends_at_the_first_page_with_nothing_new()
    {
        await using var server = await ScenarioServer.StartAsync(e =>
            e.Json(200, "{\"data\":[" + Payloads.Product(Payloads.IdOf(1)) + "],\"pagination\":{\"total\":1000000000}}"));

        var error = await Assert.ThrowsAsync<AdsumoException>(() => TestClients.For(server).ListPlatformAvatarsAsync(TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.InvalidResponse, error.Kind);
        Assert.Equal(2, server.Requests.Count);
    }
}
