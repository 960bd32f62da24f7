using System.Linq;
using System.Threading.Tasks;
using Adsumo.Emulator.Tests.Infrastructure;

namespace Adsumo.Emulator.Tests;

public sealed class PagingTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorServer _server = fixture.Server;

    [Theory]
    [InlineData("/api/v1/products")]
    [InlineData("/api/v1/generations")]
    public async Task Default_page_is_20_newest_first_with_the_total(string path)
    {
        var key = EmulatorServer.NewKey();
        var seeded = await SeedAsync(key, 25, path);

        var page = await _server.GetAsync(path, key);

        Assert.Equal(200, page.Code);
        Assert.Equal(seeded.Reverse().Take(20), page.Ids());
        AssertPagination(page, total: 25, limit: 20, offset: 0);
    }

    [Theory]
    [InlineData("/api/v1/products")]
    [InlineData("/api/v1/generations")]
    public async Task Limit_1_and_limit_100_and_offset_past_the_end(string path)
    {
        var key = EmulatorServer.NewKey();
        var seeded = await SeedAsync(key, 150, path);

        var one = await _server.GetAsync($"{path}?limit=1", key);
        var hundred = await _server.GetAsync($"{path}?limit=100&offset=0", key);
        var rest = await _server.GetAsync($"{path}?limit=100&offset=100", key);
        var past = await _server.GetAsync($"{path}?offset=150", key);
        var farPast = await _server.GetAsync($"{path}?offset=2147483647", key);

        Assert.Equal([seeded[^1]], one.Ids());
        AssertPagination(one, 150, 1, 0);
        Assert.Equal(seeded.Reverse().Take(100), hundred.Ids());
        Assert.Equal(seeded.Reverse().Skip(100), rest.Ids());
        AssertPagination(rest, 150, 100, 100);
        Assert.Empty(past.Ids());
        AssertPagination(past, 150, 20, 150);
        Assert.Empty(farPast.Ids());
    }

    [Fact]
    public async Task Walking_the_pages_returns_every_item_once()
    {
        var key = EmulatorServer.NewKey();
        var seeded = await SeedAsync(key, 25, "/api/v1/products");

        var walked = new System.Collections.Generic.List<string>();
        for (var offset = 0; offset < 25; offset += 7)
            walked.AddRange((await _server.GetAsync($"/api/v1/products?limit=7&offset={offset}", key)).Ids());

        Assert.Equal(seeded.Reverse(), walked);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=-1", "limit")]
    [InlineData("limit=abc", "limit")]
    [InlineData("limit=1.5", "limit")]
    [InlineData("limit=", "limit")]
    [InlineData("limit=1&limit=2", "limit")]
    [InlineData("offset=-1", "offset")]
    [InlineData("offset=abc", "offset")]
    [InlineData("offset=2.0", "offset")]
    [InlineData("offset=99999999999", "offset")]
    public async Task Bad_paging_values_are_400_naming_them(string query, string param)
    {
        foreach (var path in new[] { "/api/v1/products", "/api/v1/generations", "/api/v1/voices" })
        {
            var response = await _server.GetAsync($"{path}?{query}", EmulatorServer.NewKey());

            Assert.Equal(400, response.Code);
            Assert.Equal("invalid_request", response.ErrorCode);
            Assert.Equal(param, response.ErrorParam);
        }
    }

    [Fact]
    public async Task An_empty_team_lists_nothing()
    {
        var response = await _server.GetAsync("/api/v1/generations", EmulatorServer.NewKey());

        Assert.Empty(response.Ids());
        AssertPagination(response, 0, 20, 0);
    }

    private async Task<string[]> SeedAsync(string key, int count, string path)
    {
        var seeded = path.EndsWith("products")
            ? await _server.SeedAsync(key, new { products = count })
            : await _server.SeedAsync(key, new { generations = new { count } });
        return seeded.Ids(path.EndsWith("products") ? "products" : "generations");
    }

    private static void AssertPagination(ApiResponse response, int total, int limit, int offset)
    {
        var pagination = response.Json.GetProperty("pagination");
        Assert.Equal(total, pagination.GetProperty("total").GetInt32());
        Assert.Equal(limit, pagination.GetProperty("limit").GetInt32());
        Assert.Equal(offset, pagination.GetProperty("offset").GetInt32());
    }
}
