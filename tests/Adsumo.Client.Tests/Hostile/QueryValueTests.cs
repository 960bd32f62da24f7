using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Adsumo.Client.Tests.Infrastructure;

namespace Adsumo.Client.Tests.Hostile;

/// <summary>-Query values written as the API reads them, whatever the culture, or refused before anything is sent.</summary>
public sealed class QueryValueTests
{
    [Fact]
    public void Values_are_written_in_the_invariant_form_whatever_the_culture()
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            Assert.Equal(new[] { "true" }, AdsumoClient.QueryValues("k", true));
            Assert.Equal(new[] { "false" }, AdsumoClient.QueryValues("k", false));
            Assert.Equal(new[] { "1.5" }, AdsumoClient.QueryValues("k", 1.5));
            Assert.Equal(new[] { "1234567.25" }, AdsumoClient.QueryValues("k", 1234567.25m));
            Assert.Equal(new[] { "2026-01-15T12:30:00.0000000Z" }, AdsumoClient.QueryValues("k", new DateTime(2026, 1, 15, 12, 30, 0, DateTimeKind.Utc)));
            Assert.Equal(new[] { "2026-01-15T12:30:00.0000000+00:00" }, AdsumoClient.QueryValues("k", new DateTimeOffset(2026, 1, 15, 13, 30, 0, TimeSpan.FromHours(1))));
            Assert.Equal(new[] { "a", "b", "3" }, AdsumoClient.QueryValues("k", new List<object?> { "a", null, "b", 3 }));
            Assert.Empty(AdsumoClient.QueryValues("k", null));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    public static TheoryData<object> Refused() => new()
    {
        new Hashtable { ["a"] = 1 },
        new List<object?> { new List<object?> { 1, 2 }, 3 },
        new List<object?> { new Hashtable() },
        double.NaN,
        double.PositiveInfinity,
        new Random(),
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_value_that_cannot_be_a_query_value_is_refused(object value)
    {
        var error = Assert.Throws<AdsumoInputException>(() => AdsumoClient.QueryValues("filter", value).ToList());

        Assert.Equal(ErrorReason.InvalidQuery, error.Reason);
        Assert.Equal("Query", error.ParamName);
    }

    [Fact]
    public async Task An_array_is_sent_as_repeated_keys()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Json(200, "{}"));

        await TestClients.For(server).InvokeAsync("GET", "generations", new Hashtable { ["status"] = new List<object?> { "processing", "failed" }, ["deep"] = true }, null, TestClients.Call());

        var request = Assert.Single(server.Requests);
        Assert.Equal(new[] { "processing", "failed" }, request.QueryValues("status"));
        Assert.Equal("true", request.QueryValue("deep"));
    }

    [Fact]
    public async Task A_refused_value_sends_nothing()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Json(200, "{}"));

        await Assert.ThrowsAsync<AdsumoInputException>(() =>
            TestClients.For(server).InvokeAsync("GET", "generations", new Hashtable { ["filter"] = new Hashtable { ["a"] = 1 } }, null, TestClients.Call()));

        Assert.Empty(server.Requests);
    }
}
