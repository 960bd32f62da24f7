using System.Text.Json;
using System.Threading.Tasks;
using Adsumo.Emulator.Tests.Infrastructure;

namespace Adsumo.Emulator.Tests;

/// <summary>Generations that finish by themselves, with real (short) time.</summary>
public sealed class GenerationTimingTests
{
    [Fact]
    public async Task A_generation_completes_after_generation_seconds_even_when_nobody_reads_it()
    {
        await using var server = await EmulatorServer.StartAsync("--generation-seconds", "0.3");
        var key = EmulatorServer.NewKey();
        var id = await server.SubmitImageAsync(key);

        var early = (await server.GetGenerationAsync(key, id)).Json;
        await Task.Delay(700);
        var late = await server.GetAsync("/api/v1/generations?status=completed", key);

        Assert.Equal("processing", early.GetProperty("status").GetString());
        Assert.Equal([id], late.Ids());
    }

    [Fact]
    public async Task With_zero_seconds_the_first_read_already_sees_the_result()
    {
        await using var server = await EmulatorServer.StartAsync("--generation-seconds", "0");
        var key = EmulatorServer.NewKey();

        var id = await server.SubmitImageAsync(key);
        var generation = (await server.GetGenerationAsync(key, id)).Json;

        Assert.Equal("completed", generation.GetProperty("status").GetString());
        Assert.Equal(generation.GetProperty("created_at").GetString(), generation.GetProperty("completed_at").GetString());
    }

    [Fact]
    public async Task Fail_in_any_text_fails_the_generation_with_a_message()
    {
        await using var server = await EmulatorServer.StartAsync("--generation-seconds", "0");
        var key = EmulatorServer.NewKey();
        var product = await server.CreateProductAsync(key);
        var voiceover = (await server.CreateVoiceoverAsync(key, "please [fail] now")).Json.GetProperty("id").GetString();
        var ids = new[]
        {
            await server.SubmitImageAsync(key, "a [fail] shoe"),
            await server.SubmitAiVideoAsync(key, "[fail]"),
            await server.SubmitTalkingAvatarAsync(key, "say [fail]"),
            await server.SubmitAsync(key, "/api/v1/videos/talking-avatar",
                new { avatar_id = ApiCalls.PlatformAvatarId, avatar_type = "platform", voiceover_id = voiceover }),
            await server.SubmitAsync(key, "/api/v1/images/product-shots",
                new { product_id = product, style_id = "studio", model = "fast", aspect_ratio = "1:1", additional_prompt = "x[fail]x" }),
        };

        foreach (var id in ids)
        {
            var generation = (await server.GetGenerationAsync(key, id)).Json;
            Assert.Equal("failed", generation.GetProperty("status").GetString());
            Assert.Contains("[fail]", generation.GetProperty("error_message").GetString());
            Assert.Equal(JsonValueKind.Null, generation.GetProperty("result_url").ValueKind);
            Assert.NotEqual(JsonValueKind.Null, generation.GetProperty("completed_at").ValueKind);
        }
        Assert.Equal(5, await server.TotalAsync(key, "/api/v1/generations?status=failed"));
        Assert.Equal(1 + 1 + 10 + 20 + 20 + 1, await server.CreditsUsedAsync(key));
    }

    [Fact]
    public async Task Changed_generation_seconds_apply_to_new_generations_only()
    {
        await using var server = await EmulatorServer.StartAsync("--generation-seconds", "-1");
        var key = EmulatorServer.NewKey();
        var held = await server.SubmitImageAsync(key);

        await server.PutAsync("/_emulator/settings", new { generation_seconds = 0 });
        var quick = await server.SubmitImageAsync(key);

        Assert.Equal("processing", (await server.GetGenerationAsync(key, held)).Json.GetProperty("status").GetString());
        Assert.Equal("completed", (await server.GetGenerationAsync(key, quick)).Json.GetProperty("status").GetString());
    }
}
