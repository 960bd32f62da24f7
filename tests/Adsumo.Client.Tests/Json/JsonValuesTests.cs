using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Adsumo.Client.Tests.Json;

/// <summary>Hashtables given to -Body become JSON; answers without a model become plain values.</summary>
public sealed class JsonValuesTests
{
    private static string ToJson(object? value) => JsonValues.ToNode(value, "Body")?.ToJsonString() ?? "null";

    [Fact]
    public void A_nested_ordered_dictionary_becomes_the_same_json_object()
    {
        var body = new OrderedDictionary
        {
            ["name"] = "Shoe",
            ["count"] = 3,
            ["price"] = 19.99m,
            ["ratio"] = 0.5,
            ["ok"] = true,
            ["none"] = null,
            ["tags"] = new object[] { "a", 1, false },
            ["nested"] = new Hashtable { ["deep"] = new List<int> { 1, 2 } },
        };

        Assert.Equal("""{"name":"Shoe","count":3,"price":19.99,"ratio":0.5,"ok":true,"none":null,"tags":["a",1,false],"nested":{"deep":[1,2]}}""", ToJson(body));
    }

    [Fact]
    public void A_hashtable_keeps_every_key()
    {
        var node = JsonValues.ToNode(new Hashtable { ["a"] = 1, ["b"] = "two", [3] = "three" }, "Body")!.AsObject();

        Assert.Equal(1, node["a"]!.GetValue<long>());
        Assert.Equal("two", node["b"]!.GetValue<string>());
        Assert.Equal("three", node["3"]!.GetValue<string>());
    }

    [Theory]
    [InlineData((byte)7, "7")]
    [InlineData(-42, "-42")]
    [InlineData(long.MaxValue, "9223372036854775807")]
    [InlineData(ulong.MaxValue, "18446744073709551615")]
    [InlineData(1.25f, "1.25")]
    [InlineData(true, "true")]
    [InlineData('x', "\"x\"")]
    [InlineData(DayOfWeek.Friday, "\"Friday\"")]
    public void Scalars_become_json_values(object value, string json)
    {
        Assert.Equal(json, ToJson(value));
    }

    [Fact]
    public void Dates_guids_and_uris_become_strings()
    {
        // Compared as values: the writer may escape '+' as \u002B, which is the same JSON string.
        Assert.Equal("2026-01-15T12:00:00.0000000+00:00", JsonValues.ToNode(new DateTimeOffset(2026, 1, 15, 13, 0, 0, TimeSpan.FromHours(1)), "Body")!.GetValue<string>());
        Assert.Equal("\"550e8400-e29b-41d4-a716-446655440000\"", ToJson(Guid.Parse("550e8400-e29b-41d4-a716-446655440000")));
        Assert.Equal("\"https://cdn.example/a.png\"", ToJson(new Uri("https://cdn.example/a.png")));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Numbers_json_cannot_carry_are_refused(double value)
    {
        var error = Assert.Throws<AdsumoInputException>(() => JsonValues.ToNode(new Hashtable { ["x"] = value }, "Body"));

        Assert.Equal("InvalidBody", error.Reason);
        Assert.Equal("Body", error.ParamName);
    }

    [Fact]
    public void Objects_json_cannot_carry_are_refused()
    {
        Assert.Equal("InvalidBody", Assert.Throws<AdsumoInputException>(() => JsonValues.ToNode(new { a = 1 }, "Body")).Reason);
        Assert.Equal("InvalidBody", Assert.Throws<AdsumoInputException>(() => JsonValues.ToNode(new Hashtable { ["x"] = new Random() }, "Body")).Reason);
    }

    [Fact]
    public void Nesting_is_bounded()
    {
        object value = "leaf";
        for (var i = 0; i < 100; i++) value = new Hashtable { ["x"] = value };

        Assert.Equal("InvalidBody", Assert.Throws<AdsumoInputException>(() => JsonValues.ToNode(value, "Body")).Reason);
    }

    [Fact]
    public void A_json_node_is_copied_not_shared()
    {
        var original = JsonNode.Parse("""{"a":[1,2]}""")!;

        var copy = JsonValues.ToNode(original, "Body")!;
        original["a"]!.AsArray().Add(3);

        Assert.Equal("""{"a":[1,2]}""", copy.ToJsonString());
    }

    [Fact]
    public void An_element_becomes_ordered_pairs_lists_and_scalars()
    {
        using var document = JsonDocument.Parse("""{"id":"x","n":3,"d":1.5,"big":1e300,"t":true,"f":false,"z":null,"list":[1,"two",{"k":"v"}]}""");

        var pairs = Assert.IsType<List<KeyValuePair<string, object?>>>(JsonValues.FromElement(document.RootElement));

        Assert.Equal(new[] { "id", "n", "d", "big", "t", "f", "z", "list" }, pairs.Select(p => p.Key));
        Assert.Equal("x", pairs[0].Value);
        Assert.Equal(3L, pairs[1].Value);
        Assert.Equal(1.5m, pairs[2].Value);
        Assert.Equal(1e300, pairs[3].Value);
        Assert.Equal(true, pairs[4].Value);
        Assert.Equal(false, pairs[5].Value);
        Assert.Null(pairs[6].Value);
        var list = Assert.IsType<List<object?>>(pairs[7].Value);
        Assert.Equal(3, list.Count);
        Assert.IsType<List<KeyValuePair<string, object?>>>(list[2]);
    }

    [Fact]
    public void Json_read_into_values_and_written_back_is_unchanged()
    {
        const string json = """{"name":"Shoe","price":19.99,"count":3,"ok":true,"none":null,"tags":["a",1,false],"nested":{"deep":[1,{"x":"y"}]}}""";
        using var document = JsonDocument.Parse(json);

        // The PowerShell layer turns pairs into PSCustomObjects and back into ordered dictionaries; this does the same.
        var values = AsDictionaries(JsonValues.FromElement(document.RootElement));

        Assert.Equal(json, ToJson(values));
    }

    [Fact]
    public void A_number_too_large_for_a_double_does_not_throw_a_format_exception()
    {
        // A hostile answer must not surface as an unexpected exception type from Invoke-AdsumoRequest.
        using var document = JsonDocument.Parse("""{"huge":1e400}""");

        var exception = Record.Exception(() => JsonValues.FromElement(document.RootElement));

        Assert.True(exception is null or AdsumoException, $"threw {exception?.GetType().Name}");
    }

    private static object? AsDictionaries(object? value) => value switch
    {
        List<KeyValuePair<string, object?>> pairs => pairs.Aggregate(new OrderedDictionary(), (d, p) =>
        {
            d[p.Key] = AsDictionaries(p.Value);
            return d;
        }),
        List<object?> list => list.Select(AsDictionaries).ToList(),
        _ => value,
    };
}
