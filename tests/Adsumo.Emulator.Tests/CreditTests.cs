using System.Threading.Tasks;
using Adsumo.Emulator.Tests.Infrastructure;

namespace Adsumo.Emulator.Tests;

/// <summary>
/// Each priced combination, charged at submission; every case is a fresh team with 600 credits. The generations of
/// these tests never finish, so a charge made at completion instead of at submission would show as none at all.
/// </summary>
public sealed class CreditTests(HeldGenerationsFixture fixture) : IClassFixture<HeldGenerationsFixture>
{
    private readonly EmulatorServer _server = fixture.Server;

    [Fact]
    public async Task A_new_team_has_600_credits()
    {
        var response = await _server.GetAsync("/api/v1/account/credits", EmulatorServer.NewKey());

        Assert.Equal("""{"credits_used":0,"credits_limit":600,"credits_remaining":600}""", response.Body);
    }

    [Theory]
    [InlineData(1, 20)]
    [InlineData(249, 20)]
    [InlineData(250, 20)]
    [InlineData(251, 40)]
    [InlineData(500, 40)]
    [InlineData(501, 60)]
    [InlineData(1750, 140)]
    [InlineData(1751, 160)]
    [InlineData(2000, 160)]
    [InlineData(2001, 160)]
    [InlineData(2500, 160)]
    [InlineData(5000, 160)]
    public async Task A_talking_avatar_costs_20_per_started_250_characters_between_20_and_160(int length, int price)
    {
        var key = EmulatorServer.NewKey();
        await _server.SubmitTalkingAvatarAsync(key, new string('s', length));

        await AssertCreditsAsync(key, price);
    }

    [Theory]
    [InlineData(1, 20)]
    [InlineData(600, 60)]
    [InlineData(3000, 160)]
    public async Task With_a_voiceover_its_text_length_is_what_counts(int length, int price)
    {
        var key = EmulatorServer.NewKey();
        var voiceover = (await _server.CreateVoiceoverAsync(key, new string('v', length))).Json.GetProperty("id").GetString();

        await _server.SubmitAsync(key, "/api/v1/videos/talking-avatar", new
        {
            avatar_id = ApiCalls.PlatformAvatarId, avatar_type = "platform", voiceover_id = voiceover,
            script = new string('s', 4000), voice_id = ApiCalls.VoiceId,
        });

        await AssertCreditsAsync(key, 1 + price);
    }

    [Theory]
    [InlineData(null, 100)]
    [InlineData(1, 10)]
    [InlineData(7, 70)]
    [InlineData(60, 600)]
    public async Task An_ai_video_costs_10_per_second(int? duration, int price)
    {
        var key = EmulatorServer.NewKey();
        object body = duration is null
            ? new { model = "sora-2", prompt = "a shoe" }
            : new { model = "sora-2", prompt = "a shoe", duration };
        await _server.SubmitAsync(key, "/api/v1/videos/ai-video", body);

        await AssertCreditsAsync(key, price);
    }

    public static TheoryData<string, string, int, int> ImagePrices()
    {
        var data = new TheoryData<string, string, int, int>();
        foreach (var (model, resolution, each) in new[]
                 {
                     ("fast", "1k", 1), ("fast", "2k", 2), ("fast", "4k", 2),
                     ("pro", "1k", 2), ("pro", "2k", 2), ("pro", "4k", 4),
                 })
        {
            foreach (var quantity in new[] { 1, 3, 8 }) data.Add(model, resolution, quantity, each * quantity);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ImagePrices))]
    public async Task Text_to_image_costs_per_image_by_model_and_resolution(string model, string resolution, int quantity, int price)
    {
        var key = EmulatorServer.NewKey();
        await _server.SubmitAsync(key, "/api/v1/images/text-to-image",
            new { prompt = "a shoe", model, aspect_ratio = "1:1", resolution, quantity });

        await AssertCreditsAsync(key, price);
    }

    [Theory]
    [MemberData(nameof(ImagePrices))]
    public async Task Product_shots_cost_the_same_as_text_to_image(string model, string resolution, int quantity, int price)
    {
        var key = EmulatorServer.NewKey();
        var product = await _server.CreateProductAsync(key);
        await _server.SubmitAsync(key, "/api/v1/images/product-shots",
            new { product_id = product, style_id = "studio", model, aspect_ratio = "1:1", resolution, quantity });

        await AssertCreditsAsync(key, price);
    }

    [Fact]
    public async Task Defaults_are_one_image_at_1k()
    {
        var key = EmulatorServer.NewKey();
        await _server.SubmitAsync(key, "/api/v1/images/text-to-image", new { prompt = "a shoe", model = "pro", aspect_ratio = "1:1" });

        await AssertCreditsAsync(key, 2);
    }

    [Fact]
    public async Task A_voiceover_costs_1()
    {
        var key = EmulatorServer.NewKey();
        await _server.CreateVoiceoverAsync(key);

        await AssertCreditsAsync(key, 1);
    }

    [Fact]
    public async Task Credits_add_up_across_submissions()
    {
        var key = EmulatorServer.NewKey();
        await _server.SubmitImageAsync(key);
        await _server.SubmitAiVideoAsync(key, duration: 2);
        await _server.SubmitTalkingAvatarAsync(key);
        await _server.CreateVoiceoverAsync(key);

        await AssertCreditsAsync(key, 1 + 20 + 20 + 1);
    }

    private async Task AssertCreditsAsync(string key, int used)
    {
        var credits = (await _server.GetAsync("/api/v1/account/credits", key)).Json;
        Assert.Equal(used, credits.GetProperty("credits_used").GetInt32());
        Assert.Equal(600, credits.GetProperty("credits_limit").GetInt32());
        Assert.Equal(600 - used, credits.GetProperty("credits_remaining").GetInt32());
    }
}
