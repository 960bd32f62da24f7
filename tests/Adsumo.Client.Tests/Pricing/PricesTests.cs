namespace Adsumo.Client.Tests.Pricing;

/// <summary>The published prices (contract section 2), so that -MaxCredits can refuse before anything is spent.</summary>
public sealed class PricesTests
{
    [Theory]
    [InlineData(0, 20)]
    [InlineData(1, 20)]
    [InlineData(250, 20)]
    [InlineData(251, 40)]
    [InlineData(500, 40)]
    [InlineData(501, 60)]
    [InlineData(2000, 160)]
    [InlineData(2001, 160)]
    [InlineData(5000, 160)]
    public void A_talking_avatar_costs_20_per_started_250_characters_from_20_to_160(int characters, int credits)
    {
        var estimate = Prices.TalkingAvatar(characters);

        Assert.True(estimate.IsExact);
        Assert.Equal(credits, estimate.Low);
        Assert.Equal(credits, estimate.High);
    }

    [Fact]
    public void A_talking_avatar_over_a_voiceover_of_unknown_length_is_a_range()
    {
        var estimate = new TalkingAvatarDraft { VoiceoverId = "550e8400-e29b-41d4-a716-446655440000" }.Estimate();

        Assert.False(estimate.IsExact);
        Assert.Equal(20, estimate.Low);
        Assert.Equal(160, estimate.High);
        Assert.Equal("20 to 160 credits", estimate.ToString());
    }

    [Fact]
    public void A_talking_avatar_over_a_voiceover_of_known_length_is_exact()
    {
        var estimate = new TalkingAvatarDraft { VoiceoverId = "550e8400-e29b-41d4-a716-446655440000", VoiceoverCharacters = 600 }.Estimate();

        Assert.Equal(60, estimate.High);
        Assert.True(estimate.IsExact);
    }

    [Fact]
    public void A_script_is_priced_by_its_length()
    {
        Assert.Equal(40, new TalkingAvatarDraft { Script = new string('s', 300) }.Estimate().High);
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(10, 100)]
    [InlineData(60, 600)]
    public void An_ai_video_costs_10_a_second(int seconds, int credits)
    {
        Assert.Equal(credits, Prices.AiVideo(seconds).High);
        Assert.Equal(credits, new AiVideoDraft { Duration = seconds }.Estimate().High);
    }

    [Theory]
    [InlineData("fast", "1k", 1)]
    [InlineData("fast", "2k", 2)]
    [InlineData("fast", "4k", 2)]
    [InlineData("pro", "1k", 2)]
    [InlineData("pro", "2k", 2)]
    [InlineData("pro", "4k", 4)]
    public void Images_cost_their_price_times_the_quantity(string model, string resolution, int each)
    {
        for (var quantity = 1; quantity <= 8; quantity++)
        {
            Assert.Equal(each * quantity, Prices.Image(model, resolution, quantity)!.High);
            Assert.Equal(each * quantity, new ImageDraft { Model = model, Resolution = resolution, Quantity = quantity }.Estimate()!.High);
            Assert.Equal(each * quantity, new ProductShotDraft { Model = model, Resolution = resolution, Quantity = quantity }.Estimate()!.High);
        }
    }

    [Fact]
    public void Model_and_resolution_are_matched_in_any_case()
    {
        Assert.Equal(8, Prices.Image("PRO", "4K", 2)!.High);
    }

    [Theory]
    [InlineData("ultra", "1k")]
    [InlineData("fast", "8k")]
    [InlineData("", "1k")]
    public void An_unpublished_combination_has_no_price(string model, string resolution)
    {
        Assert.Null(Prices.Image(model, resolution, 1));
    }

    [Fact]
    public void Estimates_read_naturally()
    {
        Assert.Equal("1 credit", CreditEstimate.Exactly(1, "x").ToString());
        Assert.Equal("12 credits", CreditEstimate.Exactly(12, "x").ToString());
    }
}
