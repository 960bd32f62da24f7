using System;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Adsumo.Client.Tests.Infrastructure;

namespace Adsumo.Client.Tests.Errors;

/// <summary>Errors quote a request id, so that a user can give Adsumo support something to look up.</summary>
public sealed class RequestIdTests
{
    [Fact]
    public async Task The_servers_request_id_is_quoted()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Json(500, Payloads.Error("internal_error", "Boom"), ("X-Request-Id", "req_7f3a9c")));

        var error = await Assert.ThrowsAsync<AdsumoException>(() =>
            TestClients.For(server, TestClients.Settings(maxRetries: 0)).GetCreditsAsync(TestClients.Call()));

        Assert.Equal("req_7f3a9c", error.RequestId);
        Assert.EndsWith("request req_7f3a9c)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Boom", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_one_from_the_server_the_clients_own_id_is_quoted_and_was_sent()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Json(500, Payloads.Error("internal_error", "Boom")));

        var error = await Assert.ThrowsAsync<AdsumoException>(() =>
            TestClients.For(server, TestClients.Settings(maxRetries: 0)).GetCreditsAsync(TestClients.Call()));

        var sent = Assert.Single(server.Requests).Header("X-Request-Id");
        Assert.NotNull(sent);
        Assert.Matches(new Regex("^[0-9a-f]{32}$"), sent);
        Assert.Equal(sent, error.RequestId);
        Assert.Contains("request " + sent, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_logical_request_gets_a_new_id()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Json(200, """{"credits_used":1,"credits_limit":2}"""));
        var client = TestClients.For(server);

        await client.GetCreditsAsync(TestClients.Call());
        await client.GetCreditsAsync(TestClients.Call());

        Assert.Equal(2, server.Requests.Select(r => r.Header("X-Request-Id")).Distinct().Count());
    }

    [Fact]
    public async Task A_successful_answer_reports_the_servers_id_and_the_attempts()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Json(200, "{}", ("X-Request-Id", "req_ok")));

        var response = await TestClients.For(server).InvokeAsync("GET", "anything", null, null, TestClients.Call());

        Assert.Equal("req_ok", response.RequestId);
        Assert.Equal(1, response.Attempts);
        Assert.Equal("application/json", response.ContentType);
    }
}
