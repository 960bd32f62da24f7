using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Adsumo.Client.Http;

namespace Adsumo.Client.Tests.Json;

/// <summary>Query values are written as APIs read them, the same in every culture.</summary>
public sealed class QueryValuesTests
{
    public static TheoryData<object, string[]> Values() => new()
    {
        { true, ["true"] },
        { false, ["false"] },
        { 1.5, ["1.5"] },
        { 1234567.25m, ["1234567.25"] },
        { 42L, ["42"] },
        { new DateTime(2026, 1, 15, 12, 0, 0, DateTimeKind.Utc), ["2026-01-15T12:00:00Z"] },
        { new DateTimeOffset(2026, 1, 15, 13, 30, 0, TimeSpan.FromHours(1)), ["2026-01-15T12:30:00Z"] },
        { new[] { "a", "b" }, ["a", "b"] },
        { new List<object?> { 1, null, true }, ["1", "true"] },
        { DayOfWeek.Monday, ["Monday"] },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Values_are_written_invariantly_even_in_a_comma_culture(object value, string[] expected)
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal(expected, QueryValues.Format("name", value).ToArray());
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void Null_is_left_out() => Assert.Empty(QueryValues.Format("name", null));

    [Theory]
    [InlineData("table")]
    [InlineData("nested list")]
    [InlineData("object")]
    [InlineData("nan")]
    public void A_value_with_no_form_in_a_query_is_refused_before_sending(string kind)
    {
        object value = kind switch
        {
            "table" => new Hashtable { ["a"] = 1 },
            "nested list" => new[] { new[] { 1 } },
            "object" => new Uri("http://x").GetType().Assembly,
            _ => double.NaN,
        };
        var error = Assert.Throws<AdsumoInputException>(() => QueryValues.Format("filter", value).ToArray());
        Assert.Equal(ErrorReason.InvalidQuery, error.Reason);
    }
}
