using System.Threading.Tasks;
using Adsumo.Client.Tests.Infrastructure;

namespace Adsumo.Client.Tests.Errors;

public sealed class StatusKindTests
{
    private const string Id = "550e8400-e29b-41d4-a716-446655440000";

    [Theory]
    [InlineData(400, AdsumoErrorKind.InvalidRequest)]
    [InlineData(401, AdsumoErrorKind.Unauthorized)]
    [InlineData(402, AdsumoErrorKind.InsufficientCredits)]
    [InlineData(403, AdsumoErrorKind.Forbidden)]
    [InlineData(404, AdsumoErrorKind.NotFound)]
    [InlineData(409, AdsumoErrorKind.Conflict)]
    [InlineData(410, AdsumoErrorKind.NotFound)]
    [InlineData(422, AdsumoErrorKind.InvalidRequest)]
    [InlineData(429, AdsumoErrorKind.RateLimited)]
    [InlineData(500, AdsumoErrorKind.ServerError)]
    [InlineData(502, AdsumoErrorKind.ServerError)]
    [InlineData(503, AdsumoErrorKind.ServerError)]
    [InlineData(504, AdsumoErrorKind.ServerError)]
    [InlineData(418, AdsumoErrorKind.HttpError)]
    public async Task Each_status_maps_to_its_kind(int status, AdsumoErrorKind kind)
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Json(status, Payloads.Error("some_code", "Something happened")));

        var error = await Assert.ThrowsAsync<AdsumoException>(() =>
            TestClients.For(server, TestClients.Settings(maxRetries: 0)).GetProductAsync(Id, TestClients.Call()));

        Assert.Equal(kind, error.Kind);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal("some_code", error.ErrorCode);
        Assert.Equal("Adsumo." + kind, error.ErrorId);
        Assert.Equal(1, error.Attempts);
    }

    [Theory]
    [InlineData("conflict", AdsumoErrorKind.Conflict)]
    [InlineData("insufficient_credits", AdsumoErrorKind.InsufficientCredits)]
    [InlineData("teapot", AdsumoErrorKind.HttpError)]
    public async Task An_unmapped_status_takes_its_kind_from_the_error_code(string code, AdsumoErrorKind kind)
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Json(418, Payloads.Error(code, "I am a teapot")));

        var error = await Assert.ThrowsAsync<AdsumoException>(() =>
            TestClients.For(server, TestClients.Settings(maxRetries: 0)).GetProductAsync(Id, TestClients.Call()));

        Assert.Equal(kind, error.Kind);
    }

    [Fact]
    public async Task A_rate_limit_carries_the_retry_after_it_was_given()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Json(429, Payloads.Error("rate_limited", "Slow down"), ("Retry-After", "7")));

        var error = await Assert.ThrowsAsync<AdsumoException>(() =>
            TestClients.For(server, TestClients.Settings(maxRetries: 0)).GetCreditsAsync(TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.RateLimited, error.Kind);
        Assert.Equal(7, error.RetryAfterSeconds);
    }
}
