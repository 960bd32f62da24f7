using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Adsumo.Emulator.Tests.Infrastructure;

namespace Adsumo.Emulator.Tests;

/// <summary>Generations here stay processing until the control API finishes them.</summary>
public sealed class GenerationLifecycleTests(HeldGenerationsFixture fixture) : IClassFixture<HeldGenerationsFixture>
{
    private readonly EmulatorServer _server = fixture.Server;

    [Fact]
    public async Task A_new_generation_is_processing_without_result_or_completion()
    {
        var key = EmulatorServer.NewKey();
        var id = await _server.SubmitImageAsync(key);

        var generation = (await _server.GetGenerationAsync(key, id)).Json;

        Assert.Equal(id, generation.GetProperty("id").GetString());
        Assert.Equal("image", generation.GetProperty("type").GetString());
        Assert.Equal("processing", generation.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, generation.GetProperty("completed_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, generation.GetProperty("result_url").ValueKind);
        Assert.Equal(JsonValueKind.Null, generation.GetProperty("error_message").ValueKind);
    }

    [Fact]
    public async Task Completing_through_the_control_api_gives_a_result_and_completed_at()
    {
        var key = EmulatorServer.NewKey();
        var id = await _server.SubmitAiVideoAsync(key);

        var completed = await _server.PostAsync($"/_emulator/generations/{id}/complete", null, "");
        var generation = (await _server.GetGenerationAsync(key, id)).Json;

        Assert.Equal(200, completed.Code);
        Assert.Equal("completed", completed.Json.GetProperty("status").GetString());
        Assert.Equal("completed", generation.GetProperty("status").GetString());
        Assert.StartsWith(_server.Root + $"/_files/generations/{id}.mp4?expires=", generation.GetProperty("result_url").GetString());
        Assert.True(Timestamp(generation, "completed_at") >= Timestamp(generation, "created_at"));
        Assert.Equal(JsonValueKind.Null, generation.GetProperty("error_message").ValueKind);
    }

    [Fact]
    public async Task Failing_through_the_control_api_gives_the_message_and_no_result()
    {
        var key = EmulatorServer.NewKey();
        var id = await _server.SubmitImageAsync(key);
        var other = await _server.SubmitImageAsync(key);

        var failed = await _server.PostAsync($"/_emulator/generations/{id}/fail", null, new { error_message = "GPU on fire" });
        var failedDefault = await _server.SendAsync(System.Net.Http.HttpMethod.Post, $"/_emulator/generations/{other}/fail");
        var generation = (await _server.GetGenerationAsync(key, id)).Json;

        Assert.Equal(200, failed.Code);
        Assert.Equal("failed", generation.GetProperty("status").GetString());
        Assert.Equal("GPU on fire", generation.GetProperty("error_message").GetString());
        Assert.Equal(JsonValueKind.Null, generation.GetProperty("result_url").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, generation.GetProperty("completed_at").ValueKind);
        Assert.Equal(200, failedDefault.Code);
        Assert.False(string.IsNullOrEmpty(failedDefault.Json.GetProperty("error_message").GetString()));
    }

    [Fact]
    public async Task Finishing_twice_is_409_and_unknown_is_404()
    {
        var id = await _server.SubmitImageAsync(EmulatorServer.NewKey());
        await _server.PostAsync($"/_emulator/generations/{id}/complete", null, "");

        Assert.Equal(409, (await _server.PostAsync($"/_emulator/generations/{id}/complete", null, "")).Code);
        Assert.Equal(409, (await _server.PostAsync($"/_emulator/generations/{id}/fail", null, "")).Code);
        Assert.Equal(404, (await _server.PostAsync($"/_emulator/generations/{Guid.NewGuid()}/complete", null, "")).Code);
        Assert.Equal("id", (await _server.PostAsync("/_emulator/generations/nope/complete", null, "")).ErrorParam);
    }

    [Fact]
    public async Task Details_of_a_talking_avatar()
    {
        var key = EmulatorServer.NewKey();
        var id = await _server.SubmitAsync(key, "/api/v1/videos/talking-avatar", new
        {
            avatar_id = ApiCalls.PlatformAvatarId, avatar_type = "platform", script = new string('a', 150),
            voice_id = ApiCalls.VoiceId, lipsync_model = "lipsync-2.0", template = "intro",
        });

        var generation = (await _server.GetGenerationAsync(key, id)).Json;
        var details = generation.GetProperty("details");

        Assert.Equal("talking-avatar", generation.GetProperty("type").GetString());
        Assert.Equal(ApiCalls.PlatformAvatarId, details.GetProperty("avatar_id").GetString());
        Assert.Equal(new string('a', 150), details.GetProperty("script").GetString());
        Assert.Equal(ApiCalls.VoiceId, details.GetProperty("voice_id").GetString());
        Assert.Equal("intro", details.GetProperty("template").GetString());
        Assert.Equal(10.0, details.GetProperty("duration").GetDouble());
        Assert.Equal("platform", details.GetProperty("avatar_type").GetString());
        Assert.Equal("lipsync-2.0", details.GetProperty("lipsync_model").GetString());
    }

    [Fact]
    public async Task Details_of_an_ai_video_with_defaults()
    {
        var key = EmulatorServer.NewKey();
        var id = await _server.SubmitAsync(key, "/api/v1/videos/ai-video", new { model = "kling-2.6", prompt = "a demo" });

        var details = (await _server.GetGenerationAsync(key, id)).Json.GetProperty("details");

        Assert.Equal(
            """{"prompt":"a demo","model":"kling-2.6","duration":10,"aspect_ratio":"16:9"}""",
            details.GetRawText());
    }

    [Fact]
    public async Task Details_of_an_image()
    {
        var key = EmulatorServer.NewKey();
        var id = await _server.SubmitAsync(key, "/api/v1/images/text-to-image",
            new { prompt = "a shoe", model = "pro", aspect_ratio = "9:16", resolution = "2k", quantity = 4 });

        var details = (await _server.GetGenerationAsync(key, id)).Json.GetProperty("details");

        Assert.Equal(
            """{"prompt":"a shoe","model":"pro","aspect_ratio":"9:16","resolution":"2k","quantity":4}""",
            details.GetRawText());
    }

    [Fact]
    public async Task Details_of_a_product_shot()
    {
        var key = EmulatorServer.NewKey();
        var product = await _server.CreateProductAsync(key);
        var id = await _server.SubmitAsync(key, "/api/v1/images/product-shots",
            new { product_id = product, style_id = "lifestyle-outdoor", model = "fast", aspect_ratio = "1:1", additional_prompt = "on a rock" });

        var generation = (await _server.GetGenerationAsync(key, id)).Json;
        var details = generation.GetProperty("details");

        Assert.Equal("image", generation.GetProperty("type").GetString());
        Assert.Equal("on a rock", details.GetProperty("prompt").GetString());
        Assert.Equal(product, details.GetProperty("product_id").GetString());
        Assert.Equal("lifestyle-outdoor", details.GetProperty("style_id").GetString());
        Assert.Equal("1k", details.GetProperty("resolution").GetString());
        Assert.Equal(1, details.GetProperty("quantity").GetInt32());
    }

    [Fact]
    public async Task List_items_carry_the_summary_fields_and_no_details()
    {
        var key = EmulatorServer.NewKey();
        await _server.SubmitImageAsync(key);

        var item = (await _server.GetAsync("/api/v1/generations", key)).Json.GetProperty("data")[0];

        Assert.Equal(
            ["id", "type", "status", "created_at", "completed_at", "result_url", "error_message"],
            item.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Lists_filter_by_type_and_status()
    {
        var key = EmulatorServer.NewKey();
        var image = await _server.SubmitImageAsync(key);
        var video = await _server.SubmitAiVideoAsync(key);
        var avatar = await _server.SubmitTalkingAvatarAsync(key);
        var doneImage = await _server.SubmitImageAsync(key);
        await _server.PostAsync($"/_emulator/generations/{doneImage}/complete", null, "");
        await _server.PostAsync($"/_emulator/generations/{video}/fail", null, "");

        Assert.Equal([doneImage, image], (await _server.GetAsync("/api/v1/generations?type=image", key)).Ids());
        Assert.Equal([video], (await _server.GetAsync("/api/v1/generations?type=ai-video", key)).Ids());
        Assert.Equal([avatar], (await _server.GetAsync("/api/v1/generations?type=talking-avatar", key)).Ids());
        Assert.Equal([avatar, image], (await _server.GetAsync("/api/v1/generations?status=processing", key)).Ids());
        Assert.Equal([doneImage], (await _server.GetAsync("/api/v1/generations?status=completed&type=image", key)).Ids());
        Assert.Equal([video], (await _server.GetAsync("/api/v1/generations?status=failed", key)).Ids());
        Assert.Empty((await _server.GetAsync("/api/v1/generations?status=failed&type=image", key)).Ids());
        var page = await _server.GetAsync("/api/v1/generations?status=processing&limit=1&offset=1", key);
        Assert.Equal([image], page.Ids());
        Assert.Equal(2, page.Json.GetProperty("pagination").GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("type=video", "type")]
    [InlineData("type=Image", "type")]
    [InlineData("type=", "type")]
    [InlineData("status=done", "status")]
    [InlineData("status=COMPLETED", "status")]
    public async Task Unknown_filters_are_400_naming_them(string query, string param)
    {
        var response = await _server.GetAsync($"/api/v1/generations?{query}", EmulatorServer.NewKey());

        Assert.Equal(400, response.Code);
        Assert.Equal(param, response.ErrorParam);
    }

    [Fact]
    public async Task A_missing_generation_is_404_and_a_bad_id_400()
    {
        var key = EmulatorServer.NewKey();
        Assert.Equal(404, (await _server.GetAsync($"/api/v1/generations/{Guid.NewGuid()}", key)).Code);
        Assert.Equal("id", (await _server.GetAsync("/api/v1/generations/12345", key)).ErrorParam);
    }

    private static DateTimeOffset Timestamp(JsonElement element, string name) =>
        DateTimeOffset.Parse(element.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);
}
