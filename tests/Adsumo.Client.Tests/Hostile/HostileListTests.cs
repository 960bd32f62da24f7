using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Adsumo.Client.Tests.Infrastructure;

namespace Adsumo.Client.Tests.Hostile;

/// <summary>
/// Lists from a service whose totals and pages lie: every read ends, in a clear InvalidResponse after what was read,
/// within a bounded number of requests. These bounds must survive any change to how pages are fetched.
/// </summary>
public sealed class HostileListTests
{
    private static readonly List<string> Ids = Enumerable.Range(0, 250).Select(Payloads.IdOf).ToList();

    private static string PageOf(IEnumerable<string> ids, long? total, int limit, long offset) =>
        Payloads.Page(ids.Select(id => Payloads.Product(id)), total, limit, offset);

    private static (int Limit, int Offset) Paging(Exchange e) => (
        int.Parse(e.Request.QueryValue("limit") ?? "20", CultureInfo.InvariantCulture),
        int.Parse(e.Request.QueryValue("offset") ?? "0", CultureInfo.InvariantCulture));

    private static async Task<(List<Product> Read, AdsumoException Error)> ReadUntilItFailsAsync(PagedQuery<Product> query)
    {
        var read = new List<Product>();
        var error = await Assert.ThrowsAsync<AdsumoException>(async () =>
        {
            for (var pages = 0; !query.Done; pages++)
            {
                Assert.True(pages < 10_000, "the read does not end");
                read.AddRange(await query.NextAsync(TestClients.Call()));
            }
        });
        return (read, error);
    }

    [Fact]
    public async Task A_total_that_alternates_between_250_and_249_ends_the_read()
    {
        var served = 0;
        await using var server = await ScenarioServer.StartAsync(e =>
        {
            var (limit, offset) = Paging(e);
            var total = Interlocked.Increment(ref served) % 2 == 1 ? 250 : 249;
            return e.Json(200, PageOf(Ids.Skip(offset).Take(limit), total, limit, offset));
        });

        var query = TestClients.For(server).ListProducts(0, ulong.MaxValue);
        var (read, error) = await ReadUntilItFailsAsync(query);

        Assert.Equal(AdsumoErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("keeps changing", error.Message, System.StringComparison.Ordinal);
        Assert.Equal(read.Count, read.Select(p => p.Id).Distinct().Count());
        Assert.InRange(server.Requests.Count, 3, 2 * (PagedQuery<Product>.MaxFruitlessRestarts + 3));
    }

    [Fact]
    public async Task A_negative_total_is_refused_rather_than_shown_as_a_huge_number()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Json(200, PageOf(Ids.Take(3), -5, 100, 0)));

        var (read, error) = await ReadUntilItFailsAsync(TestClients.For(server).ListProducts(0, ulong.MaxValue));

        Assert.Equal(AdsumoErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("negative total (-5)", error.Message, System.StringComparison.Ordinal);
        Assert.Empty(read);
    }

    [Fact]
    public async Task The_same_page_with_a_huge_total_ends_after_what_it_brought()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Json(200, PageOf(Ids.Take(100), 1_000_000_000_000_000, 100, 0)));

        var (read, error) = await ReadUntilItFailsAsync(TestClients.For(server).ListProducts(0, ulong.MaxValue));

        Assert.Equal(AdsumoErrorKind.InvalidResponse, error.Kind);
        Assert.Equal(100, read.Count);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_total_that_grows_as_fast_as_it_is_read_is_bounded_by_the_items_it_brings()
    {
        // The same items every time, with a total one page ahead: no check on shrinking or on offsets sees a lie,
        // so only the bound on requests per item ends it.
        var served = 0;
        await using var server = await ScenarioServer.StartAsync(e =>
        {
            var (limit, offset) = Paging(e);
            return e.Json(200, PageOf(Ids.Take(100), 200L * Interlocked.Increment(ref served), limit, offset));
        });

        var (read, error) = await ReadUntilItFailsAsync(TestClients.For(server).ListProducts(0, ulong.MaxValue));

        Assert.Equal(AdsumoErrorKind.InvalidResponse, error.Kind);
        Assert.Equal(100, read.Count);
        Assert.Equal(PagedQuery<Product>.MaxRequestsFor(100), server.Requests.Count);
    }

    [Fact]
    public async Task An_unpaged_list_answering_the_same_page_with_a_huge_total_ends_on_the_second_page()
    {
        var avatars = Ids.Take(100).Select(id => Payloads.Avatar(id));
        await using var server = await ScenarioServer.StartAsync(e => e.Json(200, Payloads.Page(avatars, 1_000_000_000_000, 100, 0)));

        var error = await Assert.ThrowsAsync<AdsumoException>(() => TestClients.For(server).ListPlatformAvatarsAsync(TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.InvalidResponse, error.Kind);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task An_unpaged_list_of_endless_new_items_ends_at_its_bound()
    {
        var served = 0;
        await using var server = await ScenarioServer.StartAsync(e =>
        {
            var page = Interlocked.Increment(ref served);
            var fresh = Enumerable.Range(page * 100, 100).Select(n => Payloads.Avatar(Payloads.IdOf(n)));
            return e.Json(200, Payloads.Page(fresh, 1_000_000_000_000, 100, 0));
        });

        var error = await Assert.ThrowsAsync<AdsumoException>(() => TestClients.For(server).ListPlatformAvatarsAsync(TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("at most 10,000", error.Message, System.StringComparison.Ordinal);
        Assert.Equal(100, server.Requests.Count);
    }

    [Fact]
    public async Task A_list_deleted_as_it_is_read_is_still_read_to_its_end_within_the_bounds()
    {
        // The protections must not cost the legitimate case: Get-AdsumoProduct | Remove-AdsumoProduct on 1,000.
        var ids = Enumerable.Range(0, 1000).Select(Payloads.IdOf).ToList();
        var list = new ListEndpoint(ids, id => Payloads.Product(id));
        await using var server = await ScenarioServer.StartAsync(list.Serve);
        var client = TestClients.For(server);
        var query = client.ListProducts(0, ulong.MaxValue);

        var read = new List<string>();
        for (var pages = 0; !query.Done; pages++)
        {
            Assert.True(pages < 100, "the walk does not end");
            foreach (var product in await query.NextAsync(TestClients.Call()))
            {
                read.Add(product.Id);
                list.Remove(product.Id);
            }
        }

        Assert.Equal(ids.OrderBy(i => i), read.OrderBy(i => i));
        Assert.Equal(0, list.Count);
    }
}
