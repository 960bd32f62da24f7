using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Adsumo.Client.Tests.Infrastructure;

namespace Adsumo.Client.Tests.Paging;

/// <summary>
/// Get-AdsumoProduct | Remove-AdsumoProduct deletes what earlier pages held, which shifts the offsets of what is
/// left: without the rewind, every other page would be skipped and half the products would survive.
/// </summary>
public sealed class ShrinkingListTests
{
    [Theory]
    [InlineData(250)]
    [InlineData(100)]
    [InlineData(333)]
    public async Task Deleting_each_page_as_it_is_read_still_returns_every_item_exactly_once(int count)
    {
        var ids = Enumerable.Range(0, count).Select(Payloads.IdOf).ToList();
        var list = new ListEndpoint(ids, id => Payloads.Product(id));
        await using var server = await ScenarioServer.StartAsync(list.Serve);
        var client = TestClients.For(server);
        var log = new RecordingLog();
        var query = client.ListProducts(0, ulong.MaxValue);
        var returned = new List<string>();

        for (var pages = 0; !query.Done; pages++)
        {
            Assert.True(pages < 50, "the walk does not end");
            foreach (var product in await query.NextAsync(log.Call()))
            {
                returned.Add(product.Id);
                await client.DeleteProductAsync(product.Id, log.Call());
            }
        }

        Assert.Equal(ids.OrderBy(i => i), returned.OrderBy(i => i));
        Assert.Equal(0, list.Count);
    }

    [Fact]
    public async Task Deleting_only_some_items_still_returns_each_once()
    {
        // Removing every other item shrinks the list by less than a page, which shifts offsets by odd amounts.
        var ids = Enumerable.Range(0, 250).Select(Payloads.IdOf).ToList();
        var list = new ListEndpoint(ids, id => Payloads.Product(id));
        await using var server = await ScenarioServer.StartAsync(list.Serve);
        var client = TestClients.For(server);
        var query = client.ListProducts(0, ulong.MaxValue);
        var returned = new List<string>();

        for (var pages = 0; !query.Done; pages++)
        {
            Assert.True(pages < 50, "the walk does not end");
            foreach (var product in await query.NextAsync(TestClients.Call()))
            {
                returned.Add(product.Id);
                if (ids.IndexOf(product.Id) % 2 == 1) await client.DeleteProductAsync(product.Id, TestClients.Call());
            }
        }

        Assert.Equal(ids, returned.OrderBy(i => i));
        Assert.Equal(125, list.Count);
    }

    [Fact]
    public async Task The_rewind_is_announced_in_the_verbose_log()
    {
        var list = new ListEndpoint(Enumerable.Range(0, 150).Select(Payloads.IdOf), id => Payloads.Product(id));
        await using var server = await ScenarioServer.StartAsync(list.Serve);
        var log = new RecordingLog();
        var query = TestClients.For(server).ListProducts(0, ulong.MaxValue);

        foreach (var product in await query.NextAsync(log.Call())) list.Remove(product.Id);
        var second = await query.NextAsync(log.Call());

        Assert.Equal(50, second.Count);
        Assert.Contains(log.VerboseLines, l => l.Contains("shrank from 150 to 50", System.StringComparison.Ordinal));
    }
}
