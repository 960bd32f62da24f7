using System;
using System.Linq;
using System.Threading.Tasks;
using Adsumo.Client.Tests.Infrastructure;

namespace Adsumo.Client.Tests.Retries;

/// <summary>
/// A 429 slows the whole connection: once one request is told to wait, every request of the same client waits with
/// it (Retry-After honoured once, for all), while another connection is not held.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class RateGateTests
{
    [Fact]
    public async Task A_429_holds_the_connections_other_requests_until_the_time_it_asked_for()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Index == 0
            ? e.Json(429, Payloads.Error("rate_limited", "Slow down"), ("Retry-After", "1.5"))
            : e.Json(200, "{\"credits_used\":0,\"credits_limit\":600,\"credits_remaining\":600}"));
        var client = TestClients.For(server);
        var other = TestClients.For(server);

        var refused = client.GetCreditsAsync(TestClients.Call());
        while (server.Requests.Count == 0) await Task.Delay(10);
        // Let the 429 reach the client before the next request starts.
        await Task.Delay(200);
        var held = client.GetCreditsAsync(TestClients.Call());
        var free = other.GetCreditsAsync(TestClients.Call());
        await Task.WhenAll(refused, held, free);

        var requests = server.Requests;
        Assert.Equal(4, requests.Count);
        var first = requests[0].ArrivedAt;
        var afterFirst = requests.Skip(1).Select(r => r.ArrivedAt - first).OrderBy(t => t).ToList();
        // The other connection went at once; this connection's two requests waited for the 1.5 s asked for.
        Assert.True(afterFirst[0] < TimeSpan.FromSeconds(1.2), $"the other connection was held: {afterFirst[0]}");
        Assert.True(afterFirst[1] >= TimeSpan.FromSeconds(1.4), $"a request of the refused connection went after {afterFirst[1]}");
        Assert.True(afterFirst[2] >= TimeSpan.FromSeconds(1.4), $"a request of the refused connection went after {afterFirst[2]}");
    }
}
