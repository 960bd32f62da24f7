using System.Linq;
using System.Threading.Tasks;
using Adsumo.Emulator.Tests.Infrastructure;

namespace Adsumo.Emulator.Tests;

/// <summary>Every rule of the four submit calls and text to speech: a bad field is a 400 naming it, and costs nothing.</summary>
public sealed class SubmissionValidationTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private const string Avatar = ApiCalls.PlatformAvatarId;
    private const string Voice = ApiCalls.VoiceId;
    private const string Missing = "00000000-0000-4000-8000-000000000000";
    private static readonly string TooLong = new('x', 5001);

    private readonly EmulatorServer _server = fixture.Server;

    public static TheoryData<string, string, string> TalkingAvatar => new()
    {
        { "talking-avatar", $$"""{"avatar_type":"platform","script":"hi","voice_id":"{{Voice}}"}""", "avatar_id" },
        { "talking-avatar", $$"""{"avatar_id":"abc","avatar_type":"platform","script":"hi","voice_id":"{{Voice}}"}""", "avatar_id" },
        { "talking-avatar", $$"""{"avatar_id":5,"avatar_type":"platform","script":"hi","voice_id":"{{Voice}}"}""", "avatar_id" },
        { "talking-avatar", $$"""{"avatar_id":"{{Avatar}}","script":"hi","voice_id":"{{Voice}}"}""", "avatar_type" },
        { "talking-avatar", $$"""{"avatar_id":"{{Avatar}}","avatar_type":"Platform","script":"hi","voice_id":"{{Voice}}"}""", "avatar_type" },
        { "talking-avatar", $$"""{"avatar_id":"{{Avatar}}","avatar_type":"platform"}""", "script" },
        { "talking-avatar", $$"""{"avatar_id":"{{Avatar}}","avatar_type":"platform","voice_id":"{{Voice}}"}""", "script" },
        { "talking-avatar", $$"""{"avatar_id":"{{Avatar}}","avatar_type":"platform","script":"hi"}""", "voice_id" },
        { "talking-avatar", $$"""{"avatar_id":"{{Avatar}}","avatar_type":"platform","script":"hi","voice_id":"nobody"}""", "voice_id" },
        { "talking-avatar", $$"""{"avatar_id":"{{Avatar}}","avatar_type":"platform","script":"hi","voice_id":"{{Missing}}"}""", "voice_id" },
        { "talking-avatar", $$"""{"avatar_id":"{{Avatar}}","avatar_type":"platform","script":"","voice_id":"{{Voice}}"}""", "script" },
        { "talking-avatar", $$"""{"avatar_id":"{{Avatar}}","avatar_type":"platform","script":"{{TooLong}}","voice_id":"{{Voice}}"}""", "script" },
        { "talking-avatar", $$"""{"avatar_id":"{{Avatar}}","avatar_type":"platform","script":"hi","voice_id":"{{Voice}}","lipsync_model":"wav2lip"}""", "lipsync_model" },
        { "talking-avatar", $$"""{"avatar_id":"{{Avatar}}","avatar_type":"platform","voiceover_id":"vo_1"}""", "voiceover_id" },
        { "talking-avatar", $$"""{"avatar_id":"{{Avatar}}","avatar_type":"platform","voiceover_id":"{{Missing}}"}""", "voiceover_id" },
        { "talking-avatar", $$"""{"avatar_id":"{{Missing}}","avatar_type":"platform","script":"hi","voice_id":"{{Voice}}"}""", "avatar_id" },
        { "talking-avatar", $$"""{"avatar_id":"{{Avatar}}","avatar_type":"custom","script":"hi","voice_id":"{{Voice}}"}""", "avatar_id" },
        { "talking-avatar", $$"""{"avatar_id":"{{Avatar}}","avatar_type":"product","script":"hi","voice_id":"{{Voice}}"}""", "avatar_id" },
    };

    public static TheoryData<string, string, string> AiVideo => new()
    {
        { "ai-video", """{"prompt":"a shoe"}""", "model" },
        { "ai-video", """{"prompt":"a shoe","model":"sora-3"}""", "model" },
        { "ai-video", """{"prompt":"a shoe","model":"SORA-2"}""", "model" },
        { "ai-video", """{"model":"sora-2"}""", "prompt" },
        { "ai-video", $$"""{"model":"sora-2","prompt":"{{TooLong}}"}""", "prompt" },
        { "ai-video", """{"model":"sora-2","prompt":"a shoe","duration":0}""", "duration" },
        { "ai-video", """{"model":"sora-2","prompt":"a shoe","duration":61}""", "duration" },
        { "ai-video", """{"model":"sora-2","prompt":"a shoe","duration":"10"}""", "duration" },
        { "ai-video", """{"model":"sora-2","prompt":"a shoe","duration":2.5}""", "duration" },
        { "ai-video", """{"model":"sora-2","prompt":"a shoe","aspect_ratio":"16x9"}""", "aspect_ratio" },
        { "ai-video", """{"model":"sora-2","prompt":"a shoe","aspect_ratio":"169:9"}""", "aspect_ratio" },
        { "ai-video", """{"model":"sora-2","prompt":"a shoe","aspect_ratio":""}""", "aspect_ratio" },
        { "ai-video", """{"model":"sora-2","prompt":"a shoe","aspect_ratio":"16:9\n"}""", "aspect_ratio" },
    };

    public static TheoryData<string, string, string> TextToImage => new()
    {
        { "text-to-image", """{"model":"fast","aspect_ratio":"1:1"}""", "prompt" },
        { "text-to-image", """{"prompt":"a shoe","aspect_ratio":"1:1"}""", "model" },
        { "text-to-image", """{"prompt":"a shoe","model":"FAST","aspect_ratio":"1:1"}""", "model" },
        { "text-to-image", """{"prompt":"a shoe","model":"fast"}""", "aspect_ratio" },
        { "text-to-image", """{"prompt":"a shoe","model":"fast","aspect_ratio":"square"}""", "aspect_ratio" },
        { "text-to-image", """{"prompt":"a shoe","model":"fast","aspect_ratio":"1:1","quantity":0}""", "quantity" },
        { "text-to-image", """{"prompt":"a shoe","model":"fast","aspect_ratio":"1:1","quantity":9}""", "quantity" },
        { "text-to-image", """{"prompt":"a shoe","model":"fast","aspect_ratio":"1:1","quantity":"2"}""", "quantity" },
        { "text-to-image", """{"prompt":"a shoe","model":"fast","aspect_ratio":"1:1","resolution":"8k"}""", "resolution" },
        { "text-to-image", """{"prompt":"a shoe","model":"fast","aspect_ratio":"1:1","resolution":"1K"}""", "resolution" },
    };

    public static TheoryData<string, string, string> ProductShots => new()
    {
        { "product-shots", """{"style_id":"studio","model":"fast","aspect_ratio":"1:1"}""", "product_id" },
        { "product-shots", """{"product_id":"p1","style_id":"studio","model":"fast","aspect_ratio":"1:1"}""", "product_id" },
        { "product-shots", $$"""{"product_id":"{{Missing}}","style_id":"studio","model":"fast","aspect_ratio":"1:1"}""", "product_id" },
        { "product-shots", $$"""{"product_id":"{{Missing}}","model":"fast","aspect_ratio":"1:1"}""", "style_id" },
        { "product-shots", $$"""{"product_id":"{{Missing}}","style_id":"Lifestyle Outdoor","model":"fast","aspect_ratio":"1:1"}""", "style_id" },
        { "product-shots", $$"""{"product_id":"{{Missing}}","style_id":"-outdoor","model":"fast","aspect_ratio":"1:1"}""", "style_id" },
        { "product-shots", $$"""{"product_id":"{{Missing}}","style_id":"life--style","model":"fast","aspect_ratio":"1:1"}""", "style_id" },
        { "product-shots", $$"""{"product_id":"{{Missing}}","style_id":5,"model":"fast","aspect_ratio":"1:1"}""", "style_id" },
        { "product-shots", $$"""{"product_id":"{{Missing}}","style_id":"studio","aspect_ratio":"1:1"}""", "model" },
        { "product-shots", $$"""{"product_id":"{{Missing}}","style_id":"studio","model":"fast"}""", "aspect_ratio" },
        { "product-shots", $$"""{"product_id":"{{Missing}}","style_id":"studio","model":"fast","aspect_ratio":"1:1","quantity":10}""", "quantity" },
        { "product-shots", $$"""{"product_id":"{{Missing}}","style_id":"studio","model":"fast","aspect_ratio":"1:1","resolution":"3k"}""", "resolution" },
        { "product-shots", $$"""{"product_id":"{{Missing}}","style_id":"studio","model":"fast","aspect_ratio":"1:1","additional_prompt":5}""", "additional_prompt" },
        { "product-shots", $$"""{"product_id":"{{Missing}}","style_id":"studio","model":"fast","aspect_ratio":"1:1","additional_prompt":"{{TooLong}}"}""", "additional_prompt" },
    };

    public static TheoryData<string, string, string> Voiceovers => new()
    {
        { "text-to-speech", $$"""{"voice_id":"{{Voice}}"}""", "text" },
        { "text-to-speech", $$"""{"text":"{{TooLong}}","voice_id":"{{Voice}}"}""", "text" },
        { "text-to-speech", """{"text":"hello"}""", "voice_id" },
        { "text-to-speech", """{"text":"hello","voice_id":"unknown-voice"}""", "voice_id" },
        { "text-to-speech", """{"text":"hello","voice_id":42}""", "voice_id" },
        { "text-to-speech", $$"""{"text":"hello","voice_id":"{{Voice}}","model":5}""", "model" },
        { "text-to-speech", $$"""{"text":"hello","voice_id":"{{Voice}}","voice_settings":"calm"}""", "voice_settings" },
        { "text-to-speech", $$"""{"text":"hello","voice_id":"{{Voice}}","voice_settings":[1]}""", "voice_settings" },
    };

    [Theory]
    [MemberData(nameof(TalkingAvatar))]
    [MemberData(nameof(AiVideo))]
    [MemberData(nameof(TextToImage))]
    [MemberData(nameof(ProductShots))]
    [MemberData(nameof(Voiceovers))]
    public async Task A_bad_field_is_400_naming_it_and_nothing_is_created_or_charged(string endpoint, string body, string param)
    {
        var key = EmulatorServer.NewKey();
        var response = await _server.PostAsync(PathOf(endpoint), key, body);

        Assert.Equal(400, response.Code);
        Assert.Equal("invalid_request", response.ErrorCode);
        Assert.Equal(param, response.ErrorParam);
        Assert.Contains(param, response.ErrorMessage);
        Assert.Equal(0, await _server.CreditsUsedAsync(key));
        Assert.Equal(0, await _server.TotalAsync(key, "/api/v1/generations"));
    }

    [Theory]
    [InlineData("talking-avatar")]
    [InlineData("ai-video")]
    [InlineData("text-to-image")]
    [InlineData("product-shots")]
    [InlineData("text-to-speech")]
    public async Task A_body_that_is_not_an_object_is_400_without_param(string endpoint)
    {
        var response = await _server.PostAsync(PathOf(endpoint), EmulatorServer.NewKey(), "[1,2]");

        Assert.Equal(400, response.Code);
        Assert.Null(response.ErrorParam);
    }

    [Fact]
    public async Task Submissions_answer_202_with_generation_id_type_and_processing()
    {
        var key = EmulatorServer.NewKey();
        var product = await _server.CreateProductAsync(key);
        var bodies = new (string Path, object Body, string Type)[]
        {
            ("/api/v1/videos/talking-avatar", new { avatar_id = Avatar, avatar_type = "platform", script = "hi", voice_id = Voice }, "talking-avatar"),
            ("/api/v1/videos/ai-video", new { model = "veo-3.1-fast", prompt = "a shoe" }, "ai-video"),
            ("/api/v1/images/text-to-image", new { prompt = "a shoe", model = "pro", aspect_ratio = "9:16" }, "image"),
            ("/api/v1/images/product-shots", new { product_id = product, style_id = "lifestyle-outdoor", model = "fast", aspect_ratio = "1:1" }, "image"),
        };

        foreach (var (path, body, type) in bodies)
        {
            var response = await _server.PostAsync(path, key, body);

            Assert.Equal(202, response.Code);
            Assert.Equal(["generation_id", "type", "status"], response.Json.EnumerateObject().Select(p => p.Name));
            Assert.Equal(type, response.Json.GetProperty("type").GetString());
            Assert.Equal("processing", response.Json.GetProperty("status").GetString());
        }
    }

    [Theory]
    [InlineData("sora-2")]
    [InlineData("sora-2-pro")]
    [InlineData("veo-3.1")]
    [InlineData("veo-3.1-fast")]
    [InlineData("kling-2.6")]
    public async Task Every_ai_video_model_is_accepted(string model)
    {
        var response = await _server.PostAsync("/api/v1/videos/ai-video", EmulatorServer.NewKey(),
            new { model, prompt = "a shoe", duration = 1, aspect_ratio = "9:16" });

        Assert.Equal(202, response.Code);
    }

    [Theory]
    [InlineData("heygen-avatar4")]
    [InlineData("lipsync-2.0")]
    public async Task Both_lipsync_models_are_accepted(string model)
    {
        var response = await _server.PostAsync("/api/v1/videos/talking-avatar", EmulatorServer.NewKey(),
            new { avatar_id = Avatar, avatar_type = "platform", script = "hi", voice_id = Voice, lipsync_model = model });

        Assert.Equal(202, response.Code);
    }

    [Fact]
    public async Task A_voiceover_id_wins_over_script_and_voice_id_which_are_then_ignored()
    {
        var key = EmulatorServer.NewKey();
        var voiceover = (await _server.CreateVoiceoverAsync(key, "From the voiceover")).Json.GetProperty("id").GetString();

        var response = await _server.PostAsync("/api/v1/videos/talking-avatar", key,
            new { avatar_id = Avatar, avatar_type = "platform", voiceover_id = voiceover, script = "", voice_id = "nobody" });
        var details = (await _server.GetGenerationAsync(key, response.Json.GetProperty("generation_id").GetString()!))
            .Json.GetProperty("details");

        Assert.Equal(202, response.Code);
        Assert.Equal("From the voiceover", details.GetProperty("script").GetString());
        Assert.Equal(Voice, details.GetProperty("voice_id").GetString());
        Assert.Equal(voiceover, details.GetProperty("voiceover_id").GetString());
    }

    private static string PathOf(string endpoint) => endpoint switch
    {
        "talking-avatar" or "ai-video" => $"/api/v1/videos/{endpoint}",
        "text-to-speech" => "/api/v1/voiceovers/text-to-speech",
        _ => $"/api/v1/images/{endpoint}",
    };
}
