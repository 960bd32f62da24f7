using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace Adsumo.Emulator.Tests.Infrastructure;

/// <summary>The calls most tests need as a step, each asserting that it worked.</summary>
public static class ApiCalls
{
    public const string PlatformAvatarId = "6513270e-269e-4d37-b2a7-4de452e6b438";
    public const string VoiceId = "EXAVITQu4vr4xnSDxMaL";

    public static object ProductBody(string name = "Trail Shoe") => new
    {
        name,
        description = "A light shoe",
        category = "Clothing",
        image_url = "https://example.com/shoe.png",
    };

    public static async Task<string> CreateProductAsync(this EmulatorServer server, string key, string name = "Trail Shoe")
    {
        var response = await server.PostAsync("/api/v1/products", key, ProductBody(name));
        Assert.True(response.Code == 201, response.ToString());
        return response.Json.GetProperty("id").GetString()!;
    }

    public static async Task<string> CreateCustomAvatarAsync(this EmulatorServer server, string key, string name = "Me")
    {
        var response = await server.PostAsync("/api/v1/avatars/custom", key,
            new { name, image_url = "https://example.com/face.png" });
        Assert.True(response.Code == 201, response.ToString());
        return response.Json.GetProperty("id").GetString()!;
    }

    public static async Task<string> SubmitAsync(this EmulatorServer server, string key, string path, object body)
    {
        var response = await server.PostAsync(path, key, body);
        Assert.True(response.Code == 202, response.ToString());
        return response.Json.GetProperty("generation_id").GetString()!;
    }

    public static Task<string> SubmitImageAsync(this EmulatorServer server, string key, string prompt = "a red shoe") =>
        server.SubmitAsync(key, "/api/v1/images/text-to-image", new { prompt, model = "fast", aspect_ratio = "1:1" });

    public static Task<string> SubmitAiVideoAsync(this EmulatorServer server, string key, string prompt = "a shoe", int duration = 1) =>
        server.SubmitAsync(key, "/api/v1/videos/ai-video", new { prompt, model = "sora-2", duration });

    public static Task<string> SubmitTalkingAvatarAsync(
        this EmulatorServer server, string key, string script = "Hello there", string avatarId = PlatformAvatarId,
        string avatarType = "platform") =>
        server.SubmitAsync(key, "/api/v1/videos/talking-avatar",
            new { avatar_id = avatarId, avatar_type = avatarType, script, voice_id = VoiceId });

    public static async Task<ApiResponse> CreateVoiceoverAsync(this EmulatorServer server, string key, string text = "Hello there")
    {
        var response = await server.PostAsync("/api/v1/voiceovers/text-to-speech", key, new { text, voice_id = VoiceId });
        Assert.True(response.Code == 200, response.ToString());
        return response;
    }

    public static async Task<ApiResponse> GetGenerationAsync(this EmulatorServer server, string key, string id)
    {
        var response = await server.GetAsync($"/api/v1/generations/{id}", key);
        Assert.True(response.Code == 200, response.ToString());
        return response;
    }

    public static async Task<int> CreditsUsedAsync(this EmulatorServer server, string key)
    {
        var response = await server.GetAsync("/api/v1/account/credits", key);
        Assert.True(response.Code == 200, response.ToString());
        return response.Json.GetProperty("credits_used").GetInt32();
    }

    public static async Task<int> TotalAsync(this EmulatorServer server, string key, string listPath)
    {
        var response = await server.GetAsync(listPath, key);
        Assert.True(response.Code == 200, response.ToString());
        return response.Json.GetProperty("pagination").GetProperty("total").GetInt32();
    }

    public static async Task<string> ResultUrlAsync(this EmulatorServer server, string key, string generationId)
    {
        var generation = await server.GetGenerationAsync(key, generationId);
        return generation.Json.GetProperty("result_url").GetString()
            ?? throw new InvalidOperationException($"No result_url yet: {generation}");
    }

    /// <summary>Polls until the condition holds, for what happens in the background (timers, webhooks).</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, double seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The condition did not hold within {seconds} s.");
            await Task.Delay(20);
        }
    }

    /// <summary>Seeds a team through the control API; answers the created ids by kind.</summary>
    public static async Task<ApiResponse> SeedAsync(this EmulatorServer server, string key, object body)
    {
        var response = await server.PostAsync("/_emulator/seed", key, body);
        Assert.True(response.Code == 201, response.ToString());
        return response;
    }

    /// <summary>The ids of a list answer's <c>data</c>, or of a seed answer's id list.</summary>
    public static string[] Ids(this ApiResponse response, string property = "data") =>
        [.. response.Json.GetProperty(property).EnumerateArray()
            .Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetProperty("id").GetString()!)];
}
