using System;
using System.Threading.Tasks;
using Adsumo.Client.Tests.Infrastructure;

namespace Adsumo.Client.Tests.Transport;

public sealed class AuthorizationHeaderTests
{
    [Fact]
    public async Task Api_calls_carry_the_bearer_key_and_identify_themselves()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Json(200, """{"credits_used":0,"credits_limit":0}"""));

        await TestClients.For(server).GetCreditsAsync(TestClients.Call());

        var request = Assert.Single(server.Requests);
        Assert.Equal("Bearer " + TestClients.KeyText, request.Header("Authorization"));
        Assert.Equal("application/json", request.Header("Accept"));
        Assert.StartsWith("Adsumo-PowerShell/", request.Header("User-Agent"), StringComparison.Ordinal);
        Assert.NotNull(request.Header("X-Request-Id"));
    }

    [Fact]
    public async Task The_key_is_not_in_any_error_or_log_line()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Json(401, Payloads.Error("unauthorized", "Invalid API key")));
        var log = new RecordingLog();

        var error = await Assert.ThrowsAsync<AdsumoException>(() => TestClients.For(server).GetCreditsAsync(log.Call()));

        Assert.Equal(AdsumoErrorKind.Unauthorized, error.Kind);
        Assert.DoesNotContain(TestClients.KeyText, error.ToString(), StringComparison.Ordinal);
        Assert.All(log.VerboseLines, l => Assert.DoesNotContain(TestClients.KeyText, l, StringComparison.Ordinal));
        Assert.All(log.DebugLines, l => Assert.DoesNotContain(TestClients.KeyText, l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_session_shows_only_the_hint()
    {
        await using var server = await ScenarioServer.StartAsync();
        var client = TestClients.For(server);

        Assert.Equal("adsumo_sk_****c3d4", client.Key.ToString());
        Assert.Equal(server.Root + "/api/v1/", client.BaseUri.ToString());
    }
}
