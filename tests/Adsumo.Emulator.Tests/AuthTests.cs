using System.Collections.Generic;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Adsumo.Emulator.Tests.Infrastructure;

namespace Adsumo.Emulator.Tests;

public sealed class AuthTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorServer _server = fixture.Server;

    [Fact]
    public async Task No_key_is_401_unauthorized_with_a_generated_request_id()
    {
        var response = await _server.GetAsync("/api/v1/products");

        Assert.Equal(401, response.Code);
        Assert.Equal("unauthorized", response.ErrorCode);
        Assert.Null(response.ErrorParam);
        Assert.Matches(new Regex("^req_[0-9a-f]{24}$"), response.RequestId);
    }

    [Theory]
    [InlineData("Basic YWxhZGRpbjpvcGVuc2VzYW1l")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Bearer adsumo_sk_short")]
    [InlineData("Bearer sk_live_1234567890")]
    [InlineData("Bearer adsumo_sk_has-dash-1234")]
    [InlineData("Token adsumo_sk_1234567890")]
    [InlineData("adsumo_sk_1234567890")]
    public async Task A_malformed_authorization_is_401(string authorization)
    {
        var response = await _server.SendAsync(HttpMethod.Get, "/api/v1/account/credits",
            headers: new Dictionary<string, string> { ["Authorization"] = authorization });

        Assert.Equal(401, response.Code);
        Assert.Equal("unauthorized", response.ErrorCode);
    }

    [Theory]
    [InlineData("GET", "/api/v1/products")]
    [InlineData("POST", "/api/v1/products")]
    [InlineData("GET", "/api/v1/avatars")]
    [InlineData("GET", "/api/v1/avatars/custom")]
    [InlineData("GET", "/api/v1/generations")]
    [InlineData("GET", "/api/v1/voices")]
    [InlineData("POST", "/api/v1/voiceovers/text-to-speech")]
    [InlineData("POST", "/api/v1/images/text-to-image")]
    [InlineData("GET", "/api/v1/account/credits")]
    public async Task A_team_below_starter_is_403_everywhere(string method, string path)
    {
        var response = await _server.SendAsync(new HttpMethod(method), path, "adsumo_sk_free_12345678",
            method == "POST" ? new { } : null);

        Assert.Equal(403, response.Code);
        Assert.Equal("forbidden", response.ErrorCode);
    }

    [Fact]
    public async Task Any_well_formed_key_is_accepted_as_a_new_team()
    {
        var response = await _server.GetAsync("/api/v1/account/credits", "adsumo_sk_" + "Ab3_xYz9");

        Assert.Equal(200, response.Code);
        Assert.Equal(0, response.Json.GetProperty("credits_used").GetInt32());
    }

    [Theory]
    [InlineData("my-trace_ID-42")]
    [InlineData("a")]
    public async Task A_well_formed_request_id_is_echoed(string requestId)
    {
        foreach (var key in new[] { EmulatorServer.NewKey(), null })
        {
            var response = await _server.SendAsync(HttpMethod.Get, "/api/v1/account/credits", key,
                headers: new Dictionary<string, string> { ["X-Request-Id"] = requestId });
            Assert.Equal(requestId, response.RequestId);
        }
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    [InlineData("with/slash")]
    public async Task A_malformed_request_id_is_replaced(string requestId)
    {
        var response = await _server.SendAsync(HttpMethod.Get, "/api/v1/account/credits", EmulatorServer.NewKey(),
            headers: new Dictionary<string, string> { ["X-Request-Id"] = requestId });

        Assert.Matches(new Regex("^req_[0-9a-f]{24}$"), response.RequestId);
    }

    [Fact]
    public async Task A_request_id_longer_than_128_characters_is_replaced()
    {
        var response = await _server.SendAsync(HttpMethod.Get, "/api/v1/account/credits", EmulatorServer.NewKey(),
            headers: new Dictionary<string, string> { ["X-Request-Id"] = new string('x', 129) });
        var longest = await _server.SendAsync(HttpMethod.Get, "/api/v1/account/credits", EmulatorServer.NewKey(),
            headers: new Dictionary<string, string> { ["X-Request-Id"] = new string('x', 128) });

        Assert.StartsWith("req_", response.RequestId);
        Assert.Equal(new string('x', 128), longest.RequestId);
    }

    [Theory]
    [InlineData("GET", "/api/v1/face-swaps")]
    [InlineData("PUT", "/api/v1/products")]
    [InlineData("PATCH", "/api/v1/account/credits")]
    [InlineData("GET", "/nothing/here")]
    public async Task Unknown_endpoints_are_404_in_the_envelope(string method, string path)
    {
        var response = await _server.SendAsync(new HttpMethod(method), path, EmulatorServer.NewKey());

        Assert.Equal(404, response.Code);
        Assert.Equal("not_found", response.ErrorCode);
        Assert.StartsWith("req_", response.RequestId);
    }

    [Fact]
    public async Task Unknown_api_endpoints_still_want_a_key()
    {
        var response = await _server.GetAsync("/api/v1/face-swaps");

        Assert.Equal(401, response.Code);
    }
}
