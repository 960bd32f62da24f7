using System;
using System.Linq;
using System.Threading.Tasks;
using Adsumo.Client.Tests.Infrastructure;

namespace Adsumo.Client.Tests.Retries;

/// <summary>A DELETE whose answer was lost may already have deleted: a 404 on a later attempt is the wanted outcome.</summary>
public sealed class DeleteRetryTests
{
    private const string Id = "550e8400-e29b-41d4-a716-446655440000";

    [Fact]
    public async Task A_404_after_a_lost_answer_counts_as_deleted()
    {
        await using var server = await ScenarioServer.StartAsync(e =>
        {
            if (e.Index == 0)
            {
                e.Abort();
                return Task.CompletedTask;
            }
            return e.Json(404, Payloads.Error("not_found", "Product not found"));
        });
        var log = new RecordingLog();

        await TestClients.For(server).DeleteProductAsync(Id, log.Call());

        Assert.Equal(2, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal("DELETE", r.Method));
        Assert.Contains(log.VerboseLines, l => l.Contains("not found after 2 attempts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_404_after_a_server_error_counts_as_deleted()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Index == 0 ? e.Json(503, "") : e.Json(404, ""));

        await TestClients.For(server).DeleteCustomAvatarAsync(Id, TestClients.Call());

        Assert.Equal(new[] { "/api/v1/avatars/custom/" + Id, "/api/v1/avatars/custom/" + Id }, server.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task A_404_on_the_first_attempt_is_not_found()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Json(404, Payloads.Error("not_found", "Product not found")));

        var error = await Assert.ThrowsAsync<AdsumoException>(() => TestClients.For(server).DeleteProductAsync(Id, TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.NotFound, error.Kind);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_conflict_is_reported()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Json(409, Payloads.Error("conflict", "Product is used by generations")));

        var error = await Assert.ThrowsAsync<AdsumoException>(() => TestClients.For(server).DeleteProductAsync(Id, TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.Conflict, error.Kind);
    }

    [Fact]
    public async Task A_204_deletes()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Status(204));

        await TestClients.For(server).DeleteProductAsync(Id.ToUpperInvariant(), TestClients.Call());

        // Ids are sent in lower case whatever case they were given in.
        Assert.Equal("/api/v1/products/" + Id, Assert.Single(server.Requests).Path);
    }
}
