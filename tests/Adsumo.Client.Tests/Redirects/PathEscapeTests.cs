using System;
using System.Collections;
using System.Threading.Tasks;
using Adsumo.Client.Tests.Infrastructure;

namespace Adsumo.Client.Tests.Redirects;

/// <summary>Invoke-AdsumoRequest takes any path; none may take the key outside the API's base URI.</summary>
public sealed class PathEscapeTests
{
    [Theory]
    [InlineData("../x")]
    [InlineData("../../x")]
    [InlineData("products/../../x")]
    [InlineData("..\\x")]
    [InlineData("https://evil.example/api/v1/products")]
    [InlineData("http://evil.example/api/v1/products")]
    [InlineData("{root}/other/products")]
    [InlineData("{root}/api/v10/products")]
    [InlineData("http://localhost:{port}/api/v1/products")]
    public async Task A_path_that_leaves_the_base_uri_is_refused_before_sending(string path)
    {
        await using var server = await ScenarioServer.StartAsync();
        path = path.Replace("{root}", server.Root).Replace("{port}", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var error = await Assert.ThrowsAsync<AdsumoInputException>(() => TestClients.For(server).InvokeAsync("GET", path, null, null, TestClients.Call()));

        Assert.Equal("InvalidPath", error.Reason);
        Assert.Equal("Path", error.ParamName);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task An_absolute_url_on_another_port_of_the_same_host_is_refused()
    {
        await using var other = await ScenarioServer.StartAsync();
        await using var server = await ScenarioServer.StartAsync();

        await Assert.ThrowsAsync<AdsumoInputException>(() =>
            TestClients.For(server).InvokeAsync("GET", other.Root + "/api/v1/products", null, null, TestClients.Call()));

        Assert.Empty(other.Requests);
        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData("//evil.example/x")]
    [InlineData("/products")]
    [InlineData("%2e%2e/x")]
    [InlineData(".%2e/x")]
    public async Task A_path_that_looks_odd_stays_under_the_base_uri_when_it_is_sent(string path)
    {
        await using var server = await ScenarioServer.StartAsync();

        try
        {
            await TestClients.For(server).InvokeAsync("GET", path, null, null, TestClients.Call());
        }
        catch (AdsumoInputException)
        {
            // Refusing it is fine too.
        }

        Assert.All(server.Requests, r => Assert.StartsWith("/api/v1/", r.Path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_absolute_url_inside_the_api_is_made_relative()
    {
        await using var server = await ScenarioServer.StartAsync();

        await TestClients.For(server).InvokeAsync("GET", server.Root + "/api/v1/products?limit=5", null, null, TestClients.Call());

        Assert.Equal("/api/v1/products?limit=5", Assert.Single(server.Requests).RawTarget);
    }

    [Fact]
    public async Task Query_values_are_escaped_and_nulls_left_out()
    {
        await using var server = await ScenarioServer.StartAsync();
        var query = new Hashtable { ["q"] = "a b&c=d", ["skip"] = null, ["n"] = 5 };

        await TestClients.For(server).InvokeAsync("get", "products", query, null, TestClients.Call());

        var request = Assert.Single(server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("a b&c=d", request.QueryValue("q"));
        Assert.Equal("5", request.QueryValue("n"));
        Assert.Empty(request.QueryValues("skip"));
    }

    [Fact]
    public async Task Query_parameters_join_a_query_already_in_the_path()
    {
        await using var server = await ScenarioServer.StartAsync();

        await TestClients.For(server).InvokeAsync("GET", "products?limit=5", new Hashtable { ["offset"] = 10 }, null, TestClients.Call());

        var request = Assert.Single(server.Requests);
        Assert.Equal("5", request.QueryValue("limit"));
        Assert.Equal("10", request.QueryValue("offset"));
    }

    [Fact]
    public async Task A_string_body_must_be_json()
    {
        await using var server = await ScenarioServer.StartAsync();

        var error = await Assert.ThrowsAsync<AdsumoInputException>(() =>
            TestClients.For(server).InvokeAsync("POST", "products", null, "{not json", TestClients.Call()));

        Assert.Equal("InvalidBody", error.Reason);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_hashtable_body_is_sent_as_json()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Json(201, "{}"));

        await TestClients.For(server).InvokeAsync("POST", "products", null, new Hashtable { ["name"] = "Shoe", ["tags"] = new[] { "a", "b" } }, TestClients.Call());

        using var body = System.Text.Json.JsonDocument.Parse(Assert.Single(server.Requests).Body);
        Assert.Equal("Shoe", body.RootElement.GetProperty("name").GetString());
        Assert.Equal(2, body.RootElement.GetProperty("tags").GetArrayLength());
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PATCH")]
    public async Task Unsafe_methods_of_invoke_are_not_retried_on_a_server_error(string method)
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Json(500, ""));

        await Assert.ThrowsAsync<AdsumoException>(() => TestClients.For(server).InvokeAsync(method, "things", null, "{}", TestClients.Call()));

        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("HEAD")]
    public async Task Idempotent_methods_of_invoke_are_retried_on_a_server_error(string method)
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Index == 0 ? e.Json(500, "") : e.Status(200));

        var response = await TestClients.For(server).InvokeAsync(method, "things", null, null, TestClients.Call());

        Assert.Equal(2, response.Attempts);
    }
}
