using System;
using System.Linq;
using System.Threading.Tasks;
using Adsumo.Client.Tests.Infrastructure;

namespace Adsumo.Client.Tests.Redirects;

/// <summary>The core follows redirects itself, and only within the API's origin, so the key never reaches another host.</summary>
public sealed class RedirectTests
{
    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task A_same_origin_redirect_is_followed_with_the_key(int status)
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Request.Path == "/api/v1/account/credits"
            ? e.Status(status, ("Location", "/api/v1/account/credits-v2"))
            : e.Json(200, """{"credits_used":3,"credits_limit":10}"""));

        var credits = await TestClients.For(server).GetCreditsAsync(TestClients.Call());

        Assert.Equal(7, credits.Remaining);
        Assert.Equal(new[] { "/api/v1/account/credits", "/api/v1/account/credits-v2" }, server.Requests.Select(r => r.Path));
        Assert.All(server.Requests, r => Assert.Equal("Bearer " + TestClients.KeyText, r.Header("Authorization")));
        Assert.Single(server.Requests.Select(r => r.Header("X-Request-Id")).Distinct());
    }

    [Fact]
    public async Task A_relative_location_is_resolved_against_the_current_uri()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Index == 0
            ? e.Status(302, ("Location", "credits-moved?x=1"))
            : e.Json(200, """{"credits_used":0,"credits_limit":1}"""));

        await TestClients.For(server).GetCreditsAsync(TestClients.Call());

        Assert.Equal("/api/v1/account/credits-moved?x=1", server.Requests[1].RawTarget);
    }

    [Fact]
    public async Task A_307_resends_the_post_with_its_body()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Index == 0
            ? e.Status(307, ("Location", "/api/v1/products-new"))
            : e.Json(201, Payloads.Product("550e8400-e29b-41d4-a716-446655440000")));
        var draft = new ProductDraft { Name = "Shoe", Description = "Light", Category = "Footwear", ImageUrl = "https://cdn.example/shoe.png" };

        await TestClients.For(server).CreateProductAsync(draft, TestClients.Call());

        Assert.Equal("POST", server.Requests[1].Method);
        Assert.Equal(server.Requests[0].Body, server.Requests[1].Body);
    }

    [Fact]
    public async Task A_303_is_followed_with_a_get_and_no_body()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Index == 0
            ? e.Status(303, ("Location", "/api/v1/generations/g1"))
            : e.Json(200, Payloads.Generation("g1")));

        var response = await TestClients.For(server).InvokeAsync("POST", "videos/ai-video", null, """{"prompt":"x"}""", TestClients.Call());

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("GET", server.Requests[1].Method);
        Assert.Equal("", server.Requests[1].Body);
    }

    [Fact]
    public async Task A_redirect_to_another_origin_is_refused_and_the_other_host_never_sees_a_request()
    {
        await using var other = await ScenarioServer.StartAsync();
        await using var server = await ScenarioServer.StartAsync(e => e.Status(302, ("Location", other.Root + "/api/v1/account/credits")));

        var error = await Assert.ThrowsAsync<AdsumoException>(() => TestClients.For(server).GetCreditsAsync(TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.InvalidResponse, error.Kind);
        Assert.Equal(302, error.StatusCode);
        Assert.Contains("redirected to another host", error.Message, StringComparison.Ordinal);
        Assert.Contains(other.Root, error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
        Assert.Empty(other.Requests);
    }

    [Theory]
    [InlineData("https://{host}/api/v1/account/credits")]
    [InlineData("//evil.example/api/v1/account/credits")]
    [InlineData("http://localhost:{port}/api/v1/account/credits")]
    public async Task A_redirect_to_another_scheme_or_host_name_is_refused(string location)
    {
        await using var server = await ScenarioServer.StartAsync();
        var uri = new Uri(server.Root);
        server.Handle(e => e.Status(301, ("Location", location.Replace("{host}", uri.Authority).Replace("{port}", uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)))));

        var error = await Assert.ThrowsAsync<AdsumoException>(() => TestClients.For(server).GetCreditsAsync(TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.InvalidResponse, error.Kind);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_redirect_loop_gives_up_with_a_clear_error()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Status(302, ("Location", "/api/v1/account/credits")));

        var error = await Assert.ThrowsAsync<AdsumoException>(() => TestClients.For(server).GetCreditsAsync(TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("redirected more than 5 times", error.Message, StringComparison.Ordinal);
        Assert.Equal(6, server.Requests.Count);
    }

    [Fact]
    public async Task A_redirect_without_a_location_is_an_invalid_response()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Status(302));

        var error = await Assert.ThrowsAsync<AdsumoException>(() => TestClients.For(server).GetCreditsAsync(TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("without a Location", error.Message, StringComparison.Ordinal);
    }
}
