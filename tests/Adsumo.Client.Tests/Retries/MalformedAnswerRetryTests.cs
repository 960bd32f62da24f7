using System.Threading.Tasks;
using Adsumo.Client.Tests.Infrastructure;

namespace Adsumo.Client.Tests.Retries;

/// <summary>A 200 whose JSON is cut or garbled is a failed attempt for a read, like a reset.</summary>
public sealed class MalformedAnswerRetryTests
{
    [Fact]
    public async Task A_broken_json_answer_to_a_get_is_retried_and_then_succeeds()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Index == 0
            ? e.Json(200, """{"credits_used":1,"credits_li""")
            : e.Json(200, """{"credits_used":1,"credits_limit":5}"""));

        var credits = await TestClients.For(server).GetCreditsAsync(TestClients.Call());

        Assert.Equal(4, credits.Remaining);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Broken_json_every_time_ends_as_an_invalid_response_after_the_retries()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Json(200, "{not json"));

        var error = await Assert.ThrowsAsync<AdsumoException>(() =>
            TestClients.For(server, TestClients.Settings(maxRetries: 2)).GetCreditsAsync(TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.InvalidResponse, error.Kind);
        Assert.Equal(3, error.Attempts);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task A_successful_answer_that_is_not_json_by_its_content_type_is_not_retried()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Send(200, "text/csv", "id,name\n1,Shoe\n"));

        var response = await TestClients.For(server).InvokeAsync("GET", "exports/products.csv", null, null, TestClients.Call());

        Assert.Equal(1, response.Attempts);
        Assert.Single(server.Requests);
    }
}
