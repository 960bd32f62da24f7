using System.Linq;
using System.Threading.Tasks;
using Adsumo.Emulator.Tests.Infrastructure;

namespace Adsumo.Emulator.Tests;

public sealed class VoiceTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorServer _server = fixture.Server;

    [Fact]
    public async Task The_catalogue_has_at_least_18_voices_with_elevenlabs_style_ids()
    {
        var response = await _server.GetAsync("/api/v1/voices?limit=100", EmulatorServer.NewKey());

        var voices = response.Json.GetProperty("data").EnumerateArray().ToList();
        Assert.True(voices.Count >= 18);
        Assert.Equal(voices.Count, response.Json.GetProperty("pagination").GetProperty("total").GetInt32());
        Assert.All(voices, v => Assert.Matches("^[A-Za-z0-9]{20}$", v.GetProperty("id").GetString()));
        Assert.Contains(voices, v => v.GetProperty("id").GetString() == "EXAVITQu4vr4xnSDxMaL");
        Assert.Equal(
            ["id", "name", "gender", "age_group", "accent", "style", "preview_audio_url"],
            voices[0].EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData("gender", "male")]
    [InlineData("gender", "female")]
    [InlineData("gender", "other")]
    [InlineData("age_group", "kid")]
    [InlineData("age_group", "young_adult")]
    [InlineData("age_group", "adult")]
    [InlineData("age_group", "senior")]
    [InlineData("accent", "american")]
    [InlineData("accent", "british")]
    [InlineData("accent", "french")]
    [InlineData("accent", "danish")]
    [InlineData("accent", "swedish")]
    [InlineData("accent", "german")]
    [InlineData("accent", "norwegian")]
    [InlineData("accent", "spanish")]
    [InlineData("accent", "neutral")]
    [InlineData("style", "professional")]
    [InlineData("style", "casual")]
    [InlineData("style", "energetic")]
    [InlineData("style", "whisper")]
    [InlineData("style", "speaker")]
    public async Task Every_filter_value_matches_some_voices_and_only_matching_ones(string filter, string value)
    {
        var response = await _server.GetAsync($"/api/v1/voices?{filter}={value}", EmulatorServer.NewKey());

        var voices = response.Json.GetProperty("data").EnumerateArray().ToList();
        Assert.NotEmpty(voices);
        Assert.All(voices, v => Assert.Equal(value, v.GetProperty(filter).GetString()));
        Assert.Equal(voices.Count, response.Json.GetProperty("pagination").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Filters_combine()
    {
        var response = await _server.GetAsync("/api/v1/voices?gender=female&accent=british&style=professional",
            EmulatorServer.NewKey());

        var voice = Assert.Single(response.Json.GetProperty("data").EnumerateArray());
        Assert.Equal("Eleanor", voice.GetProperty("name").GetString());
        Assert.Empty((await _server.GetAsync("/api/v1/voices?gender=other&accent=danish", EmulatorServer.NewKey())).Ids());
    }

    [Theory]
    [InlineData("gender=Male", "gender")]
    [InlineData("gender=robot", "gender")]
    [InlineData("age_group=teen", "age_group")]
    [InlineData("accent=irish", "accent")]
    [InlineData("style=loud", "style")]
    [InlineData("style=", "style")]
    public async Task Unknown_filter_values_are_400_naming_the_filter(string query, string param)
    {
        var response = await _server.GetAsync($"/api/v1/voices?{query}", EmulatorServer.NewKey());

        Assert.Equal(400, response.Code);
        Assert.Equal(param, response.ErrorParam);
    }

    [Fact]
    public async Task Voices_page_like_every_list()
    {
        var key = EmulatorServer.NewKey();
        var all = (await _server.GetAsync("/api/v1/voices?limit=100", key)).Ids();

        var first = await _server.GetAsync("/api/v1/voices?limit=5", key);
        var second = await _server.GetAsync("/api/v1/voices?limit=5&offset=5", key);
        var past = await _server.GetAsync("/api/v1/voices?offset=100", key);

        Assert.Equal(all.Take(5), first.Ids());
        Assert.Equal(all.Skip(5).Take(5), second.Ids());
        Assert.Empty(past.Ids());
        Assert.Equal(all.Length, past.Json.GetProperty("pagination").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_preview_is_an_mp3_on_the_emulator_without_a_key()
    {
        var voices = await _server.GetAsync("/api/v1/voices?limit=1", EmulatorServer.NewKey());
        var url = voices.Json.GetProperty("data")[0].GetProperty("preview_audio_url").GetString()!;

        var file = await _server.GetAsync(url);

        Assert.Equal(200, file.Code);
        Assert.Equal("audio/mpeg", file.Header("Content-Type"));
        Assert.Equal("ID3"u8.ToArray(), file.Bytes[..3]);
    }
}
