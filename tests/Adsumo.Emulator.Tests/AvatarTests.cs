using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Adsumo.Emulator.Tests.Infrastructure;

namespace Adsumo.Emulator.Tests;

public sealed class AvatarTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorServer _server = fixture.Server;

    [Fact]
    public async Task Platform_avatars_are_fixed_varied_and_enveloped_without_pagination()
    {
        var response = await _server.GetAsync("/api/v1/avatars", EmulatorServer.NewKey());

        Assert.Equal(200, response.Code);
        Assert.False(response.Json.TryGetProperty("pagination", out _));
        var avatars = response.Json.GetProperty("data").EnumerateArray().ToList();
        Assert.True(avatars.Count >= 12);
        Assert.Equal(ApiCalls.PlatformAvatarId, avatars[0].GetProperty("id").GetString());
        Assert.All(avatars, a => Assert.Equal("platform", a.GetProperty("avatar_type").GetString()));
        Assert.Equal(["female", "male"], avatars.Select(a => a.GetProperty("gender").GetString()).Distinct().Order());
        Assert.Equal(["adult", "senior", "young_adult"], avatars.Select(a => a.GetProperty("age_group").GetString()).Distinct().Order());
        Assert.Equal(
            ["id", "name", "thumbnail_url", "gender", "age_group", "avatar_type"],
            avatars[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Platform_avatars_are_the_same_for_every_team_and_start()
    {
        var first = await _server.GetAsync("/api/v1/avatars", EmulatorServer.NewKey());
        await using var other = await EmulatorServer.StartAsync();
        var second = await other.GetAsync("/api/v1/avatars", EmulatorServer.NewKey());

        Assert.Equal(first.Ids(), second.Ids());
    }

    [Fact]
    public async Task A_platform_thumbnail_is_a_permanent_png_without_a_key()
    {
        var avatars = await _server.GetAsync("/api/v1/avatars", EmulatorServer.NewKey());
        var url = avatars.Json.GetProperty("data")[0].GetProperty("thumbnail_url").GetString()!;

        var file = await _server.GetAsync(url);

        Assert.StartsWith(_server.Root + "/_files/", url);
        Assert.Equal(200, file.Code);
        Assert.Equal("image/png", file.Header("Content-Type"));
        Assert.Equal(0x89, file.Bytes[0]);
    }

    [Fact]
    public async Task A_custom_avatar_is_created_with_201_and_every_field()
    {
        var response = await _server.PostAsync("/api/v1/avatars/custom", EmulatorServer.NewKey(),
            new { name = "Demo Dana", image_url = "https://example.com/dana.png", description = "For demos" });

        Assert.Equal(201, response.Code);
        var avatar = response.Json;
        Assert.Equal(
            ["id", "name", "thumbnail_url", "gender", "age_group", "avatar_type", "description", "created_at"],
            avatar.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Demo Dana", avatar.GetProperty("name").GetString());
        Assert.Equal("https://example.com/dana.png", avatar.GetProperty("thumbnail_url").GetString());
        Assert.Equal(JsonValueKind.Null, avatar.GetProperty("gender").ValueKind);
        Assert.Equal(JsonValueKind.Null, avatar.GetProperty("age_group").ValueKind);
        Assert.Equal("custom", avatar.GetProperty("avatar_type").GetString());
        Assert.Equal("For demos", avatar.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Custom_avatars_are_listed_as_a_bare_array_newest_first()
    {
        var key = EmulatorServer.NewKey();
        var older = await _server.CreateCustomAvatarAsync(key, "older");
        var newer = await _server.CreateCustomAvatarAsync(key, "newer");

        var response = await _server.GetAsync("/api/v1/avatars/custom", key);

        Assert.Equal(200, response.Code);
        Assert.Equal(JsonValueKind.Array, response.Json.ValueKind);
        Assert.Equal([newer, older], response.Json.EnumerateArray().Select(a => a.GetProperty("id").GetString()));
        Assert.Equal(JsonValueKind.Array, (await _server.GetAsync("/api/v1/avatars/custom", EmulatorServer.NewKey())).Json.ValueKind);
    }

    [Fact]
    public async Task A_name_of_50_characters_is_the_longest()
    {
        var key = EmulatorServer.NewKey();
        var fifty = await _server.PostAsync("/api/v1/avatars/custom", key,
            new { name = new string('a', 50), image_url = "https://example.com/a.png" });
        var fiftyOne = await _server.PostAsync("/api/v1/avatars/custom", key,
            new { name = new string('a', 51), image_url = "https://example.com/a.png" });

        Assert.Equal(201, fifty.Code);
        Assert.Equal(400, fiftyOne.Code);
        Assert.Equal("name", fiftyOne.ErrorParam);
    }

    [Theory]
    [InlineData("""{"image_url":"https://e.com/a.png"}""", "name")]
    [InlineData("""{"name":true,"image_url":"https://e.com/a.png"}""", "name")]
    [InlineData("""{"name":""}""", "name")]
    [InlineData("""{"name":"Me"}""", "image_url")]
    [InlineData("""{"name":"Me","image_url":"face.png"}""", "image_url")]
    [InlineData("""{"name":"Me","image_url":"https://e.com/a.png","description":7}""", "description")]
    public async Task A_bad_field_is_400_naming_it(string body, string param)
    {
        var response = await _server.PostAsync("/api/v1/avatars/custom", EmulatorServer.NewKey(), body);

        Assert.Equal(400, response.Code);
        Assert.Equal(param, response.ErrorParam);
    }

    [Fact]
    public async Task Delete_is_204_then_404()
    {
        var key = EmulatorServer.NewKey();
        var id = await _server.CreateCustomAvatarAsync(key);

        Assert.Equal(204, (await _server.DeleteAsync($"/api/v1/avatars/custom/{id}", key)).Code);
        Assert.Equal(404, (await _server.DeleteAsync($"/api/v1/avatars/custom/{id}", key)).Code);
        Assert.Empty((await _server.GetAsync("/api/v1/avatars/custom", key)).Json.EnumerateArray());
        Assert.Equal("id", (await _server.DeleteAsync("/api/v1/avatars/custom/123", key)).ErrorParam);
    }

    [Fact]
    public async Task Delete_is_409_while_a_talking_avatar_uses_it()
    {
        var key = EmulatorServer.NewKey();
        var id = await _server.CreateCustomAvatarAsync(key);
        await _server.SubmitTalkingAvatarAsync(key, avatarId: id, avatarType: "custom");

        var response = await _server.DeleteAsync($"/api/v1/avatars/custom/{id}", key);

        Assert.Equal(409, response.Code);
        Assert.Equal("conflict", response.ErrorCode);
    }

    [Fact]
    public async Task Another_teams_avatar_cannot_be_deleted()
    {
        var id = await _server.CreateCustomAvatarAsync(EmulatorServer.NewKey());

        var response = await _server.SendAsync(HttpMethod.Delete, $"/api/v1/avatars/custom/{id}", EmulatorServer.NewKey());

        Assert.Equal(404, response.Code);
    }
}
