using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Adsumo.Emulator.Tests.Infrastructure;

namespace Adsumo.Emulator.Tests;

public sealed class ProductTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorServer _server = fixture.Server;

    [Fact]
    public async Task Create_answers_201_with_image_path_as_the_docs_show()
    {
        var key = EmulatorServer.NewKey();
        var response = await _server.PostAsync("/api/v1/products", key, new
        {
            name = "Trail Shoe",
            description = "A light shoe",
            category = "Clothing",
            image_url = "https://example.com/shoe.png",
            price = 29.99,
            currency = "eur",
            link = "https://example.com/shoe",
        });

        Assert.Equal(201, response.Code);
        var product = response.Json;
        Assert.Equal(
            ["id", "name", "description", "category", "image_path", "price", "currency", "link", "created_at"],
            product.EnumerateObject().Select(p => p.Name));
        Assert.Equal("https://example.com/shoe.png", product.GetProperty("image_path").GetString());
        Assert.Equal(29.99m, product.GetProperty("price").GetDecimal());
        Assert.Equal("EUR", product.GetProperty("currency").GetString());
        Assert.Equal("https://example.com/shoe", product.GetProperty("link").GetString());
        Assert.Matches("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$", product.GetProperty("created_at").GetString());
    }

    [Fact]
    public async Task Get_and_list_name_the_image_image_url()
    {
        var key = EmulatorServer.NewKey();
        var id = await _server.CreateProductAsync(key);

        var one = await _server.GetAsync($"/api/v1/products/{id}", key);
        var list = await _server.GetAsync("/api/v1/products", key);

        Assert.Equal(200, one.Code);
        Assert.Equal("https://example.com/shoe.png", one.Json.GetProperty("image_url").GetString());
        Assert.False(one.Json.TryGetProperty("image_path", out _));
        var item = Assert.Single(list.Json.GetProperty("data").EnumerateArray());
        Assert.Equal(id, item.GetProperty("id").GetString());
        Assert.True(item.TryGetProperty("image_url", out _));
    }

    [Fact]
    public async Task Optional_fields_default_to_null_and_usd()
    {
        var key = EmulatorServer.NewKey();
        var response = await _server.PostAsync("/api/v1/products", key, ApiCalls.ProductBody());

        Assert.Equal(JsonValueKind.Null, response.Json.GetProperty("price").ValueKind);
        Assert.Equal(JsonValueKind.Null, response.Json.GetProperty("link").ValueKind);
        Assert.Equal("USD", response.Json.GetProperty("currency").GetString());
    }

    [Fact]
    public async Task Null_optional_fields_and_unknown_fields_are_accepted()
    {
        var response = await _server.PostAsync("/api/v1/products", EmulatorServer.NewKey(), new
        {
            name = "Shoe", description = "d", category = "c", image_url = "http://example.com/a.png",
            price = (decimal?)null, currency = (string?)null, link = (string?)null, colour = "red", price_tier = 3,
        });

        Assert.Equal(201, response.Code);
        Assert.Equal("USD", response.Json.GetProperty("currency").GetString());
    }

    [Fact]
    public async Task A_price_of_zero_and_a_name_of_200_characters_are_accepted()
    {
        var response = await _server.PostAsync("/api/v1/products", EmulatorServer.NewKey(), new
        {
            name = new string('n', 200), description = "d", category = "c", image_url = "https://example.com/a.png", price = 0,
        });

        Assert.Equal(201, response.Code);
        Assert.Equal(0m, response.Json.GetProperty("price").GetDecimal());
    }

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { """{"description":"d","category":"c","image_url":"https://e.com/a.png"}""", "name" },
        { """{"name":5,"description":"d","category":"c","image_url":"https://e.com/a.png"}""", "name" },
        { """{"name":"","description":"d","category":"c","image_url":"https://e.com/a.png"}""", "name" },
        { """{"name":"   ","description":"d","category":"c","image_url":"https://e.com/a.png"}""", "name" },
        { """{"name":null,"description":"d","category":"c","image_url":"https://e.com/a.png"}""", "name" },
        { $$"""{"name":"{{new string('n', 201)}}","description":"d","category":"c","image_url":"https://e.com/a.png"}""", "name" },
        { """{"name":"n","category":"c","image_url":"https://e.com/a.png"}""", "description" },
        { """{"name":"n","description":["d"],"category":"c","image_url":"https://e.com/a.png"}""", "description" },
        { """{"name":"n","description":"d","image_url":"https://e.com/a.png"}""", "category" },
        { """{"name":"n","description":"d","category":"c"}""", "image_url" },
        { """{"name":"n","description":"d","category":"c","image_url":"not a url"}""", "image_url" },
        { """{"name":"n","description":"d","category":"c","image_url":"/relative.png"}""", "image_url" },
        { """{"name":"n","description":"d","category":"c","image_url":"ftp://e.com/a.png"}""", "image_url" },
        { """{"name":"n","description":"d","category":"c","image_url":"https://e.com/a.png","price":"10"}""", "price" },
        { """{"name":"n","description":"d","category":"c","image_url":"https://e.com/a.png","price":-1}""", "price" },
        { """{"name":"n","description":"d","category":"c","image_url":"https://e.com/a.png","currency":"US"}""", "currency" },
        { """{"name":"n","description":"d","category":"c","image_url":"https://e.com/a.png","currency":"USDD"}""", "currency" },
        { """{"name":"n","description":"d","category":"c","image_url":"https://e.com/a.png","currency":"U1D"}""", "currency" },
        { """{"name":"n","description":"d","category":"c","image_url":"https://e.com/a.png","currency":840}""", "currency" },
        { """{"name":"n","description":"d","category":"c","image_url":"https://e.com/a.png","link":"shop"}""", "link" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task A_bad_field_is_400_naming_it(string body, string param)
    {
        var key = EmulatorServer.NewKey();
        var response = await _server.PostAsync("/api/v1/products", key, body);

        Assert.Equal(400, response.Code);
        Assert.Equal("invalid_request", response.ErrorCode);
        Assert.Equal(param, response.ErrorParam);
        Assert.Contains(param, response.ErrorMessage);
        Assert.Equal(0, await _server.TotalAsync(key, "/api/v1/products"));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"product\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("{not json")]
    [InlineData("")]
    public async Task A_body_that_is_not_a_json_object_is_400_without_param(string body)
    {
        var response = await _server.PostAsync("/api/v1/products", EmulatorServer.NewKey(), body);

        Assert.Equal(400, response.Code);
        Assert.Equal("invalid_request", response.ErrorCode);
        Assert.Null(response.ErrorParam);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("DELETE")]
    public async Task A_path_id_that_is_not_a_uuid_is_400_naming_id(string method)
    {
        var response = await _server.SendAsync(new System.Net.Http.HttpMethod(method), "/api/v1/products/not-a-uuid",
            EmulatorServer.NewKey());

        Assert.Equal(400, response.Code);
        Assert.Equal("id", response.ErrorParam);
    }

    [Fact]
    public async Task A_missing_product_is_404()
    {
        var response = await _server.GetAsync("/api/v1/products/00000000-0000-0000-0000-000000000001", EmulatorServer.NewKey());

        Assert.Equal(404, response.Code);
        Assert.Equal("not_found", response.ErrorCode);
    }

    [Fact]
    public async Task Delete_answers_204_then_the_product_is_gone()
    {
        var key = EmulatorServer.NewKey();
        var keep = await _server.CreateProductAsync(key, "keep");
        var id = await _server.CreateProductAsync(key, "drop");

        var deleted = await _server.DeleteAsync($"/api/v1/products/{id}", key);
        var again = await _server.DeleteAsync($"/api/v1/products/{id}", key);
        var read = await _server.GetAsync($"/api/v1/products/{id}", key);
        var list = await _server.GetAsync("/api/v1/products", key);

        Assert.Equal(204, deleted.Code);
        Assert.Empty(deleted.Bytes);
        Assert.Equal(404, again.Code);
        Assert.Equal(404, read.Code);
        Assert.Equal([keep], list.Json.GetProperty("data").EnumerateArray().Select(p => p.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Delete_is_409_while_a_product_shot_refers_to_it()
    {
        var key = EmulatorServer.NewKey();
        var id = await _server.CreateProductAsync(key);
        await _server.SubmitAsync(key, "/api/v1/images/product-shots",
            new { product_id = id, style_id = "lifestyle-outdoor", model = "fast", aspect_ratio = "1:1" });

        var response = await _server.DeleteAsync($"/api/v1/products/{id}", key);

        Assert.Equal(409, response.Code);
        Assert.Equal("conflict", response.ErrorCode);
        Assert.Equal(200, (await _server.GetAsync($"/api/v1/products/{id}", key)).Code);
    }

    [Fact]
    public async Task Delete_is_409_while_a_talking_avatar_uses_it_as_its_avatar()
    {
        var key = EmulatorServer.NewKey();
        var id = await _server.CreateProductAsync(key);
        await _server.SubmitTalkingAvatarAsync(key, avatarId: id, avatarType: "product");

        var response = await _server.DeleteAsync($"/api/v1/products/{id}", key);

        Assert.Equal(409, response.Code);
    }

    [Fact]
    public async Task The_list_is_newest_first()
    {
        var key = EmulatorServer.NewKey();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++) ids.Add(await _server.CreateProductAsync(key, $"p{i}"));

        var list = await _server.GetAsync("/api/v1/products", key);

        ids.Reverse();
        Assert.Equal(ids, list.Json.GetProperty("data").EnumerateArray().Select(p => p.GetProperty("id").GetString()!));
    }
}
