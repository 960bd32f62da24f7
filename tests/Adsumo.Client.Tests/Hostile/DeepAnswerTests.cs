using System.Threading.Tasks;
using Adsumo.Client.Tests.Infrastructure;

namespace Adsumo.Client.Tests.Hostile;

/// <summary>Valid JSON nested deeper than any answer of the API is refused at once; a cut-off answer is still retried.</summary>
public sealed class DeepAnswerTests
{
    private static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    [Theory]
    [InlineData(65)]
    [InlineData(10_000)]
    public async Task Valid_json_nested_too_deep_is_refused_without_a_retry(int depth)
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Json(200, Nested(depth)));

        var error = await Assert.ThrowsAsync<AdsumoException>(() =>
            TestClients.For(server, TestClients.Settings(maxRetries: 3)).GetProductAsync(Payloads.IdOf(1), TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("nested more than 64 levels deep", error.Message, System.StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Deep_json_that_is_cut_off_is_still_retried_as_a_broken_answer()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Json(200, new string('[', 1000)));

        var error = await Assert.ThrowsAsync<AdsumoException>(() =>
            TestClients.For(server, TestClients.Settings(maxRetries: 2)).GetProductAsync(Payloads.IdOf(1), TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("not valid JSON", error.Message, System.StringComparison.Ordinal);
        Assert.Equal(3, server.Requests.Count);
    }
}
