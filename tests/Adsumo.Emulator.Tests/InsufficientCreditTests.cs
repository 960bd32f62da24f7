using System.Linq;
using System.Threading.Tasks;
using Adsumo.Emulator.Tests.Infrastructure;

namespace Adsumo.Emulator.Tests;

public sealed class InsufficientCreditTests
{
    [Fact]
    public async Task Spending_more_than_remains_is_402_and_nothing_is_created_or_charged()
    {
        await using var server = await EmulatorServer.StartAsync("--credits", "30", "--generation-seconds", "0");
        var key = EmulatorServer.NewKey();
        var product = await server.CreateProductAsync(key);
        await server.SubmitAiVideoAsync(key, duration: 2);

        var attempts = new (string Path, object Body)[]
        {
            ("/api/v1/videos/ai-video", new { model = "sora-2", prompt = "x", duration = 2 }),
            ("/api/v1/videos/talking-avatar", new { avatar_id = ApiCalls.PlatformAvatarId, avatar_type = "platform", script = "x", voice_id = ApiCalls.VoiceId }),
            ("/api/v1/videos/talking-avatar", new { avatar_id = product, avatar_type = "product", script = "x", voice_id = ApiCalls.VoiceId }),
            ("/api/v1/images/text-to-image", new { prompt = "x", model = "pro", aspect_ratio = "1:1", quantity = 8, resolution = "4k" }),
            ("/api/v1/images/product-shots", new { product_id = product, style_id = "studio", model = "pro", aspect_ratio = "1:1", quantity = 3, resolution = "4k" }),
        };
        foreach (var (path, body) in attempts)
        {
            var response = await server.PostAsync(path, key, body);

            Assert.Equal(402, response.Code);
            Assert.Equal("insufficient_credits", response.ErrorCode);
        }

        Assert.Equal(20, await server.CreditsUsedAsync(key));
        Assert.Equal(1, await server.TotalAsync(key, "/api/v1/generations"));
        // The product was not tied to a generation by the refused talking avatar, so it can still be deleted.
        Assert.Equal(204, (await server.DeleteAsync($"/api/v1/products/{product}", key)).Code);
    }

    [Fact]
    public async Task The_last_credits_can_be_spent_exactly_then_even_a_voiceover_is_402()
    {
        await using var server = await EmulatorServer.StartAsync("--credits", "21");
        var key = EmulatorServer.NewKey();

        await server.SubmitAiVideoAsync(key, duration: 2);
        await server.CreateVoiceoverAsync(key);
        var refused = await server.PostAsync("/api/v1/voiceovers/text-to-speech", key, new { text = "x", voice_id = ApiCalls.VoiceId });
        var credits = (await server.GetAsync("/api/v1/account/credits", key)).Json;

        Assert.Equal(402, refused.Code);
        Assert.Equal(21, credits.GetProperty("credits_used").GetInt32());
        Assert.Equal(0, credits.GetProperty("credits_remaining").GetInt32());
    }

    [Fact]
    public async Task A_new_credit_limit_applies_to_existing_and_new_teams_and_remaining_never_goes_below_0()
    {
        await using var server = await EmulatorServer.StartAsync();
        var key = EmulatorServer.NewKey();
        await server.SubmitAiVideoAsync(key, duration: 5);

        Assert.Equal(200, (await server.PutAsync("/_emulator/settings", new { credits = 20 })).Code);
        var existing = (await server.GetAsync("/api/v1/account/credits", key)).Json;
        var fresh = (await server.GetAsync("/api/v1/account/credits", EmulatorServer.NewKey())).Json;

        Assert.Equal(50, existing.GetProperty("credits_used").GetInt32());
        Assert.Equal(20, existing.GetProperty("credits_limit").GetInt32());
        Assert.Equal(0, existing.GetProperty("credits_remaining").GetInt32());
        Assert.Equal(20, fresh.GetProperty("credits_remaining").GetInt32());
        Assert.Equal(402, (await server.PostAsync("/api/v1/voiceovers/text-to-speech", key, new { text = "x", voice_id = ApiCalls.VoiceId })).Code);
    }

    [Fact]
    public async Task Parallel_submissions_never_spend_more_than_the_limit()
    {
        await using var server = await EmulatorServer.StartAsync("--credits", "100");
        var key = EmulatorServer.NewKey();

        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ =>
            server.PostAsync("/api/v1/videos/ai-video", key, new { model = "sora-2", prompt = "x", duration = 1 })));

        Assert.Equal(10, responses.Count(r => r.Code == 202));
        Assert.Equal(20, responses.Count(r => r.Code == 402));
        Assert.Equal(100, await server.CreditsUsedAsync(key));
        Assert.Equal(10, await server.TotalAsync(key, "/api/v1/generations"));
    }
}
