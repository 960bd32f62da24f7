using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Adsumo.Emulator.Tests.Infrastructure;

namespace Adsumo.Emulator.Tests;

public sealed class VoiceoverTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorServer _server = fixture.Server;

    [Theory]
    [InlineData(1, 0.1)]
    [InlineData(15, 1.0)]
    [InlineData(100, 6.7)]
    [InlineData(5000, 333.3)]
    public async Task Text_to_speech_is_synchronous_and_complete(int length, double duration)
    {
        var key = EmulatorServer.NewKey();
        var response = await _server.PostAsync("/api/v1/voiceovers/text-to-speech", key, new
        {
            text = new string('t', length), voice_id = ApiCalls.VoiceId, model = "eleven_multilingual_v2",
            voice_settings = new { stability = 0.5, similarity_boost = 0.75 },
        });

        Assert.Equal(200, response.Code);
        var voiceover = response.Json;
        Assert.Equal(["id", "status", "duration", "audio_url"], voiceover.EnumerateObject().Select(p => p.Name));
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", voiceover.GetProperty("id").GetString());
        Assert.Equal("completed", voiceover.GetProperty("status").GetString());
        Assert.Equal(duration, voiceover.GetProperty("duration").GetDouble());
        Assert.StartsWith(_server.Root + "/_files/voiceovers/", voiceover.GetProperty("audio_url").GetString());
    }

    [Fact]
    public async Task The_audio_is_an_mp3_behind_a_presigned_url()
    {
        var response = await _server.CreateVoiceoverAsync(EmulatorServer.NewKey());
        var url = response.Json.GetProperty("audio_url").GetString()!;

        var file = await _server.GetAsync(url);
        var tampered = await _server.GetAsync(url[..^1] + (url[^1] == '0' ? '1' : '0'));

        Assert.Contains("?expires=", url);
        Assert.Equal(200, file.Code);
        Assert.Equal("audio/mpeg", file.Header("Content-Type"));
        Assert.Equal("ID3"u8.ToArray(), file.Bytes[..3]);
        Assert.Equal(32768, file.Bytes.Length);
        Assert.Equal(403, tampered.Code);
    }

    [Fact]
    public async Task Null_optional_fields_are_accepted()
    {
        var response = await _server.PostAsync("/api/v1/voiceovers/text-to-speech", EmulatorServer.NewKey(),
            new { text = "hi", voice_id = ApiCalls.VoiceId, model = (string?)null, voice_settings = (object?)null });

        Assert.Equal(200, response.Code);
        Assert.Equal(JsonValueKind.String, response.Json.GetProperty("audio_url").ValueKind);
    }
}
