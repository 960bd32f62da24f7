using System.Linq;
using System.Threading.Tasks;
using Adsumo.Client.Tests.Infrastructure;

namespace Adsumo.Client.Tests.Paging;

/// <summary>PagedQuery over the real client: the limit/offset it asks for and what it returns.</summary>
public sealed class PagedListTests
{
    private static ListEndpoint Products(int count, bool withTotal = true, int? cap = null) =>
        new(Enumerable.Range(0, count).Select(Payloads.IdOf), id => Payloads.Product(id)) { WithTotal = withTotal, ServerCap = cap };

    [Fact]
    public async Task Every_page_of_100_is_asked_for_in_turn()
    {
        var list = Products(250);
        await using var server = await ScenarioServer.StartAsync(list.Serve);
        var query = TestClients.For(server).ListProducts(0, ulong.MaxValue);

        var all = await Drain.AllAsync(query, TestClients.Call());

        Assert.Equal(Enumerable.Range(0, 250).Select(Payloads.IdOf), all.Select(p => p.Id));
        Assert.Equal(new[] { "limit=100&offset=0", "limit=100&offset=100", "limit=100&offset=200" },
            server.Requests.Select(r => r.Query.TrimStart('?')).OrderBy(q => q.Length).ThenBy(q => q, System.StringComparer.Ordinal));
        Assert.Equal(3, query.Requests);
        Assert.Equal(250, query.Total);
        Assert.Equal(250UL, query.Returned);
    }

    [Theory]
    [InlineData(99)]
    [InlineData(100)]
    [InlineData(101)]
    [InlineData(199)]
    [InlineData(200)]
    [InlineData(201)]
    public async Task A_list_just_short_of_or_just_past_a_full_page_is_read_whole_with_each_page_asked_once(int count)
    {
        var list = Products(count);
        await using var server = await ScenarioServer.StartAsync(list.Serve);
        var query = TestClients.For(server).ListProducts(0, ulong.MaxValue);

        var all = await Drain.AllAsync(query, TestClients.Call());

        Assert.Equal(Enumerable.Range(0, count).Select(Payloads.IdOf), all.Select(p => p.Id));
        var pages = (count + 99) / 100;
        // Pages after the first are fetched side by side, so they may arrive in any order; each is asked once.
        Assert.Equal(Enumerable.Range(0, pages).Select(page => $"limit=100&offset={page * 100}"),
            server.Requests.Select(r => r.Query.TrimStart('?')).OrderBy(q => int.Parse(q.Split('=').Last(), System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Pages_are_fetched_only_as_the_consumer_asks()
    {
        // A pipeline that stops early (Select-Object -First 3) must stop the requests too.
        await using var server = await ScenarioServer.StartAsync(Products(250).Serve);
        var query = TestClients.For(server).ListProducts(0, ulong.MaxValue);

        var first = await query.NextAsync(TestClients.Call());

        Assert.Equal(100, first.Count);
        Assert.Single(server.Requests);
        Assert.False(query.Done);
    }

    [Fact]
    public async Task First_3_asks_for_3_in_one_request()
    {
        await using var server = await ScenarioServer.StartAsync(Products(250).Serve);
        var query = TestClients.For(server).ListProducts(0, 3);

        var all = await Drain.AllAsync(query, TestClients.Call());

        Assert.Equal(3, all.Count);
        Assert.Equal("?limit=3&offset=0", Assert.Single(server.Requests).Query);
        Assert.True(query.Done);
    }

    [Fact]
    public async Task Skip_and_first_become_offset_and_limit()
    {
        await using var server = await ScenarioServer.StartAsync(Products(250).Serve);

        var all = await Drain.AllAsync(TestClients.For(server).ListProducts(20, 150), TestClients.Call());

        Assert.Equal(Enumerable.Range(20, 150).Select(Payloads.IdOf), all.Select(p => p.Id));
        Assert.Equal(new[] { "?limit=100&offset=20", "?limit=50&offset=120" }, server.Requests.Select(r => r.Query));
    }

    [Fact]
    public async Task Skip_past_the_end_returns_nothing_after_one_request()
    {
        await using var server = await ScenarioServer.StartAsync(Products(30).Serve);
        var query = TestClients.For(server).ListProducts(500, ulong.MaxValue);

        Assert.Empty(await Drain.AllAsync(query, TestClients.Call()));
        Assert.Single(server.Requests);
        Assert.Equal(30, query.Total);
    }

    [Fact]
    public async Task An_empty_list_is_done_after_one_request()
    {
        await using var server = await ScenarioServer.StartAsync(Products(0).Serve);
        var query = TestClients.For(server).ListProducts(0, ulong.MaxValue);

        Assert.Empty(await Drain.AllAsync(query, TestClients.Call()));
        Assert.Single(server.Requests);
        Assert.Equal(0, query.Total);
        Assert.True(query.Done);
    }

    [Fact]
    public async Task Bare_array_pages_are_walked_until_a_short_page()
    {
        // Without a total the only end signal is a page shorter than asked.
        await using var server = await ScenarioServer.StartAsync(e =>
            e.Json(200, e.Request.QueryValue("offset") == "0" ? Payloads.Products(Enumerable.Range(0, 100)) : Payloads.Products(Enumerable.Range(100, 30))));
        var query = TestClients.For(server).ListProducts(0, ulong.MaxValue);

        var all = await Drain.AllAsync(query, TestClients.Call());

        Assert.Equal(130, all.Count);
        Assert.Equal(2, server.Requests.Count);
        Assert.Null(query.Total);
    }

    [Fact]
    public async Task A_page_shorter_than_asked_continues_while_the_total_says_there_is_more()
    {
        // A server that caps pages at 50 whatever the limit must not make the client stop at 50.
        await using var server = await ScenarioServer.StartAsync(Products(120, cap: 50).Serve);

        var all = await Drain.AllAsync(TestClients.For(server).ListProducts(0, ulong.MaxValue), TestClients.Call());

        Assert.Equal(Enumerable.Range(0, 120).Select(Payloads.IdOf), all.Select(p => p.Id));
        Assert.Equal(new[] { "0", "50", "100" }, server.Requests.Select(r => r.QueryValue("offset")));
    }

    [Fact]
    public async Task Items_seen_on_an_earlier_page_are_not_returned_twice()
    {
        // An item added at the head between two pages shifts the list: the next page repeats the last items.
        await using var server = await ScenarioServer.StartAsync(e => e.Json(200, e.Request.QueryValue("offset") == "0"
            ? Payloads.Page(Enumerable.Range(0, 100).Select(n => Payloads.Product(Payloads.IdOf(n))), 150, 100, 0)
            : Payloads.Page(Enumerable.Range(95, 55).Select(n => Payloads.Product(Payloads.IdOf(n).ToUpperInvariant())), 150, 100, 100)));

        var all = await Drain.AllAsync(TestClients.For(server).ListProducts(0, ulong.MaxValue), TestClients.Call());

        Assert.Equal(150, all.Count);
        Assert.Equal(150, all.Select(p => p.Id.ToLowerInvariant()).Distinct().Count());
    }

    [Fact]
    public async Task First_counts_only_new_items_when_pages_repeat()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Json(200, e.Request.QueryValue("offset") == "0"
            ? Payloads.Page(Enumerable.Range(0, 100).Select(n => Payloads.Product(Payloads.IdOf(n))), 300, 100, 0)
            : Payloads.Page(Enumerable.Range(90, 20).Select(n => Payloads.Product(Payloads.IdOf(n))), 300, 20, 100)));

        var all = await Drain.AllAsync(TestClients.For(server).ListProducts(0, 110), TestClients.Call());

        Assert.Equal(Enumerable.Range(0, 110).Select(Payloads.IdOf), all.Select(p => p.Id));
    }

    [Fact]
    public async Task A_page_without_a_data_array_is_an_invalid_response()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Json(200, """{"items":[]}"""));

        var error = await Assert.ThrowsAsync<AdsumoException>(() => TestClients.For(server).ListProducts(0, ulong.MaxValue).NextAsync(TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.InvalidResponse, error.Kind);
    }

    [Fact]
    public async Task First_0_sends_no_request_with_limit_0()
    {
        var list = Products(10);
        await using var server = await ScenarioServer.StartAsync(list.Serve);
        var query = TestClients.For(server).ListProducts(0, 0);

        var all = await Drain.AllAsync(query, TestClients.Call());

        Assert.Empty(all);
        Assert.True(query.Done);
        Assert.DoesNotContain(server.Requests, r => r.QueryValue("limit") == "0");
    }

    [Fact]
    public async Task A_list_item_without_an_id_is_an_invalid_response_that_names_the_request()
    {
        await using var server = await ScenarioServer.StartAsync(e =>
            e.Json(200, Payloads.Page([Payloads.Product(Payloads.IdOf(1)), """{"name":"no id"}"""], 2, 100, 0), ("X-Request-Id", "req_list")));

        var error = await Assert.ThrowsAsync<AdsumoException>(() => TestClients.For(server).ListProducts(0, ulong.MaxValue).NextAsync(TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.InvalidResponse, error.Kind);
        Assert.Equal("req_list", error.RequestId);
        Assert.Contains("req_list", error.Message, System.StringComparison.Ordinal);
    }
}
