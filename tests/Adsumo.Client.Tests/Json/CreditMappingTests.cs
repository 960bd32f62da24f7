namespace Adsumo.Client.Tests.Json;

public sealed class CreditMappingTests
{
    [Fact]
    public void All_three_fields_are_taken_as_sent()
    {
        var credits = ModelReader.Credits(JsonText.Parse("""{"credits_used":150,"credits_limit":1000,"credits_remaining":850}"""));

        Assert.Equal(150, credits.Used);
        Assert.Equal(1000, credits.Limit);
        Assert.Equal(850, credits.Remaining);
    }

    [Theory]
    [InlineData("""{"credits_used":150,"credits_limit":1000}""", 150, 1000, 850)]
    [InlineData("""{"credits_limit":1000,"credits_remaining":850}""", 150, 1000, 850)]
    [InlineData("""{"credits_used":150,"credits_remaining":850}""", 150, 1000, 850)]
    [InlineData("""{"credits_used":"150","credits_limit":"1000"}""", 150, 1000, 850)]
    public void A_missing_field_is_derived_from_the_other_two(string json, long used, long limit, long remaining)
    {
        var credits = ModelReader.Credits(JsonText.Parse(json));

        Assert.Equal(used, credits.Used);
        Assert.Equal(limit, credits.Limit);
        Assert.Equal(remaining, credits.Remaining);
    }

    [Fact]
    public void A_balance_with_none_of_the_fields_is_an_invalid_response()
    {
        var error = Assert.Throws<AdsumoException>(() => ModelReader.Credits(JsonText.Parse("""{"balance":5}""")));

        Assert.Equal(AdsumoErrorKind.InvalidResponse, error.Kind);
    }
}
