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

    /// <summary>Walks a query as a cmdlet does until it fails; the failure, and how many items came before it.</summary>
    private static async Task<(AdsumoException Error, int Read)> ReadUntilItFailsAsync(PagedQuery<Product> query)
    {
        var read = 0;
        var error = await Assert.ThrowsAsync<AdsumoException>(async () =>
        {
            // A bound of its own, so that a walk that never ends fails the test instead of hanging it (in NextAsync,
            // the call's 30 s end it).
            for (var pages = 0; !query.Done; pages++)
            {
                Assert.True(pages < 50, "the walk does not end");
                read += (await query.NextAsync(TestClients.Call())).Count;
            }
        });
        return (error, read);
    }

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

        var (error, read) = await ReadUntilItFailsAsync(query);

        Assert.Equal(AdsumoErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("keeps changing", error.Message, StringComparison.Ordinal);
        Assert.Equal(200, read);
        // Each pass may fetch the pages after it ahead: still a handful of passes, never an endless walk.
        Assert.InRange(server.Requests.Count, 4, (PagedQuery<Product>.MaxFruitlessRestarts + 2) * 3);
    }

    [Fact]
    public async Task A_total_that_grows_as_fast_as_the_walk_over_repeating_pages_ends_at_the_bound_on_requests()
    {
        // The same items at every offset, with a total always two pages past the offset asked for: the total only
        // grows as the walk goes on (no shrink to count), and a growing total may have pushed old items along (no
        // offset ignored), so only the bound on requests per item ends it.
        await using var server = await ScenarioServer.StartAsync(e =>
            e.Json(200, Payloads.Page(Enumerable.Range(0, 100).Select(Payloads.IdOf).Select(id => Payloads.Product(id)), OffsetOf(e) + 200, 100, OffsetOf(e))));
        using var query = TestClients.For(server).ListProducts(0, ulong.MaxValue);

        var (error, read) = await ReadUntilItFailsAsync(query);

        Assert.Equal(AdsumoErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("without bringing new items", error.Message, StringComparison.Ordinal);
        Assert.Equal(100, read);
        // Pages fetched ahead may still be in flight when the bound is met: a few more, never an endless walk.
        Assert.InRange(server.Requests.Count, PagedQuery<Product>.MaxRequestsFor(100), PagedQuery<Product>.MaxRequestsFor(100) + PagedQuery<Product>.MaxPagesAhead);
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
