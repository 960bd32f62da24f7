using System;

namespace Adsumo.Client.Tests.Validation;

/// <summary>Each refusal names the parameter and gives a stable reason, the error id the cmdlets show.</summary>
public sealed class InputTests
{
    private static AdsumoInputException Refused(Action check) => Assert.Throws<AdsumoInputException>(check);

    [Theory]
    [InlineData("550e8400-e29b-41d4-a716-446655440000", "550e8400-e29b-41d4-a716-446655440000")]
    [InlineData("550E8400-E29B-41D4-A716-446655440000", "550e8400-e29b-41d4-a716-446655440000")]
    [InlineData("  550e8400-e29b-41d4-a716-446655440000\n", "550e8400-e29b-41d4-a716-446655440000")]
    public void A_uuid_is_an_id_in_lower_case(string given, string expected)
    {
        Assert.Equal(expected, Input.Id(given, "Id"));
    }

    [Theory]
    [InlineData("123")]
    [InlineData("550e8400e29b41d4a716446655440000")]
    [InlineData("550e8400-e29b-41d4-a716-44665544000g")]
    [InlineData("{550e8400-e29b-41d4-a716-446655440000}")]
    [InlineData("../550e8400-e29b-41d4-a716-446655440000")]
    [InlineData("550e8400-e29b-41d4-a716-446655440000/../x")]
    public void Anything_else_is_not_an_id(string given)
    {
        var error = Refused(() => Input.Id(given, "ProductId", "product id"));

        Assert.Equal("InvalidId", error.Reason);
        Assert.Equal("ProductId", error.ParamName);
        Assert.Equal("Adsumo.InvalidId", error.ErrorId);
        Assert.Contains("not a valid product id", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_value_is_named_as_missing(string? given)
    {
        Assert.Equal("MissingValue", Refused(() => Input.Id(given, "Id")).Reason);
        Assert.Equal("MissingValue", Refused(() => Input.Required(given, "Name")).Reason);
    }

    [Fact]
    public void A_bad_value_is_quoted_safely()
    {
        var error = Refused(() => Input.Id("evil\u001b[2J" + new string('x', 200), "Id"));

        Assert.DoesNotContain(error.Message, char.IsControl);
        Assert.Contains("evil?[2J", error.Message, StringComparison.Ordinal);
        Assert.Contains("…", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 250);
    }

    [Fact]
    public void Avatar_names_may_have_50_characters_and_not_51()
    {
        Assert.Equal(new string('n', 50), Input.Name(new string('n', 50), "Name", ServiceLimits.AvatarName));
        Assert.Equal(new string('n', 50), Input.Name("  " + new string('n', 50) + "  ", "Name", ServiceLimits.AvatarName));
        var error = Refused(() => Input.Name(new string('n', 51), "Name", ServiceLimits.AvatarName));
        Assert.Equal("NameTooLong", error.Reason);
        Assert.Contains("51 characters", error.Message, StringComparison.Ordinal);
        Assert.Equal(500, Input.Name(new string('n', 500), "Name", null).Length);
    }

    [Theory]
    [InlineData("https://cdn.example/shoe.png")]
    [InlineData("http://cdn.example:8080/a/b?c=d")]
    public void Absolute_http_urls_are_accepted(string url)
    {
        Assert.Equal(url, Input.Url(url, "ImageUrl"));
    }

    [Theory]
    [InlineData("ftp://cdn.example/shoe.png")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/images/shoe.png")]
    [InlineData("shoe.png")]
    [InlineData("https://")]
    [InlineData("javascript:alert(1)")]
    public void Other_urls_are_refused(string url)
    {
        Assert.Equal("InvalidUrl", Refused(() => Input.Url(url, "ImageUrl")).Reason);
    }

    [Theory]
    [InlineData("usd", "USD")]
    [InlineData("Eur", "EUR")]
    [InlineData(" gbp ", "GBP")]
    public void Currencies_are_three_letters_in_upper_case(string given, string expected)
    {
        Assert.Equal(expected, Input.Currency(given, "Currency"));
    }

    [Theory]
    [InlineData("US")]
    [InlineData("USDX")]
    [InlineData("U5D")]
    [InlineData("€€€")]
    [InlineData("U D")]
    public void Other_currencies_are_refused(string given)
    {
        Assert.Equal("InvalidCurrency", Refused(() => Input.Currency(given, "Currency")).Reason);
    }

    [Fact]
    public void A_price_is_zero_or_more()
    {
        Assert.Equal(0m, Input.Price(0m, "Price"));
        Assert.Equal(19.99m, Input.Price(19.99m, "Price"));
        Assert.Equal("InvalidPrice", Refused(() => Input.Price(-0.01m, "Price")).Reason);
    }

    [Theory]
    [InlineData("lifestyle-outdoor")]
    [InlineData("studio")]
    [InlineData("a1-b2-c3")]
    public void Style_slugs_are_accepted(string slug)
    {
        Assert.Equal(slug, Input.StyleSlug(slug, "StyleId"));
    }

    [Theory]
    [InlineData("Lifestyle-Outdoor")]
    [InlineData("life_style")]
    [InlineData("-outdoor")]
    [InlineData("outdoor-")]
    [InlineData("life--style")]
    [InlineData("life style")]
    public void Other_style_ids_are_refused(string slug)
    {
        Assert.Equal("InvalidStyleId", Refused(() => Input.StyleSlug(slug, "StyleId")).Reason);
    }

    [Theory]
    [InlineData("16:9")]
    [InlineData("9:16")]
    [InlineData("1:1")]
    [InlineData("21:9")]
    public void Aspect_ratios_are_accepted(string ratio)
    {
        Assert.Equal(ratio, Input.AspectRatio(ratio, "AspectRatio"));
    }

    [Theory]
    [InlineData("16x9")]
    [InlineData("0:1")]
    [InlineData("1:0")]
    [InlineData("100:1")]
    [InlineData("16:9:1")]
    [InlineData("16/9")]
    [InlineData("-16:9")]
    public void Other_aspect_ratios_are_refused(string ratio)
    {
        Assert.Equal("InvalidAspectRatio", Refused(() => Input.AspectRatio(ratio, "AspectRatio")).Reason);
    }

    [Theory]
    [InlineData("EXAVITQu4vr4xnSDxMaL")]
    [InlineData("en-US.Neural:Jenny_2")]
    [InlineData("550e8400-e29b-41d4-a716-446655440000")]
    public void Voice_ids_are_opaque_tokens(string id)
    {
        Assert.Equal(id, Input.VoiceId(id, "VoiceId"));
    }

    [Theory]
    [InlineData("two words")]
    [InlineData("a/b")]
    [InlineData("voice?x=1")]
    public void Voice_ids_with_other_characters_are_refused(string id)
    {
        Assert.Equal("InvalidVoiceId", Refused(() => Input.VoiceId(id, "VoiceId")).Reason);
    }

    [Fact]
    public void A_voice_id_may_have_128_characters_and_not_129()
    {
        Assert.Equal(128, Input.VoiceId(new string('v', 128), "VoiceId").Length);
        Assert.Equal("InvalidVoiceId", Refused(() => Input.VoiceId(new string('v', 129), "VoiceId")).Reason);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(8, true)]
    [InlineData(0, false)]
    [InlineData(9, false)]
    [InlineData(-1, false)]
    public void Ranges_include_their_bounds(int value, bool accepted)
    {
        if (accepted) Assert.Equal(value, Input.Range(value, 1, 8, "Quantity"));
        else Assert.Equal("OutOfRange", Refused(() => Input.Range(value, 1, 8, "Quantity")).Reason);
    }
}
