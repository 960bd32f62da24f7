using System;
using System.Threading.Tasks;
using Adsumo.Client.Tests.Infrastructure;

namespace Adsumo.Client.Tests.Errors;

/// <summary>The error bodies of contract section 5, and what proxies send instead.</summary>
public sealed class ErrorShapeTests
{
    private static async Task<AdsumoException> FailWith(int status, string? contentType, string body, params (string, string)[] headers)
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Send(status, contentType, body, headers));
        return await Assert.ThrowsAsync<AdsumoException>(() =>
            TestClients.For(server, TestClients.Settings(maxRetries: 0)).InvokeAsync("GET", "products", null, null, TestClients.Call()));
    }

    [Fact]
    public async Task The_contracts_error_object_gives_message_code_and_param()
    {
        var error = await FailWith(400, "application/json", Payloads.Error("invalid_request", "limit must be an integer from 1 to 100", "limit"));

        Assert.Equal(AdsumoErrorKind.InvalidRequest, error.Kind);
        Assert.Equal("invalid_request", error.ErrorCode);
        Assert.Equal("limit", error.Param);
        Assert.StartsWith("limit must be an integer from 1 to 100. (GET /api/v1/products: 400 invalid_request, param limit, request ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_given_as_a_string_is_the_message()
    {
        var error = await FailWith(404, "application/json", """{"error":"Product not found"}""");

        Assert.Equal(AdsumoErrorKind.NotFound, error.Kind);
        Assert.StartsWith("Product not found. (GET /api/v1/products: 404, request ", error.Message, StringComparison.Ordinal);
        Assert.Null(error.ErrorCode);
    }

    [Fact]
    public async Task A_top_level_message_is_the_message()
    {
        var error = await FailWith(409, "application/json", """{"message":"Product is used by 2 generations","code":"conflict"}""");

        Assert.Equal(AdsumoErrorKind.Conflict, error.Kind);
        Assert.Contains("Product is used by 2 generations.", error.Message, StringComparison.Ordinal);
        Assert.Equal("conflict", error.ErrorCode);
    }

    [Fact]
    public async Task A_proxys_html_page_is_summarised_by_its_title()
    {
        var error = await FailWith(502, "text/html", "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>");

        Assert.Equal(AdsumoErrorKind.ServerError, error.Kind);
        Assert.StartsWith("The service answered with a text/html page: 502 Bad Gateway. (GET /api/v1/products: 502, request ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("<", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("nginx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_without_a_title_is_shown_as_text_without_tags()
    {
        var error = await FailWith(503, "text/html", "<html><body><p>Service <b>temporarily</b> unavailable</p></body></html>");

        Assert.Contains("Service temporarily unavailable", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("<", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500, "The service answered 500 Internal Server Error.")]
    [InlineData(401, "The API key was refused.")]
    [InlineData(404, "Not found.")]
    [InlineData(402, "The team has too few credits left.")]
    public async Task An_empty_body_gets_a_default_message(int status, string expected)
    {
        var error = await FailWith(status, null, "");

        Assert.StartsWith(expected + " (GET /api/v1/products: " + status + ", request ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_of_another_shape_gets_the_default_message()
    {
        var error = await FailWith(500, "application/json", """{"oops":[1,2,3]}""");

        Assert.StartsWith("The service answered 500 Internal Server Error.", error.Message, StringComparison.Ordinal);
    }
}
