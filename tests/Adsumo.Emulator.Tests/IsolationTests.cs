using System.Threading.Tasks;
using Adsumo.Emulator.Tests.Infrastructure;

namespace Adsumo.Emulator.Tests;

public sealed class IsolationTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorServer _server = fixture.Server;

    [Fact]
    public async Task A_team_never_sees_or_uses_another_teams_things()
    {
        var owner = EmulatorServer.NewKey();
        var stranger = EmulatorServer.NewKey();
        var product = await _server.CreateProductAsync(owner);
        var avatar = await _server.CreateCustomAvatarAsync(owner);
        var generation = await _server.SubmitImageAsync(owner);
        var voiceover = (await _server.CreateVoiceoverAsync(owner)).Json.GetProperty("id").GetString();

        Assert.Equal(404, (await _server.GetAsync($"/api/v1/products/{product}", stranger)).Code);
        Assert.Equal(404, (await _server.DeleteAsync($"/api/v1/products/{product}", stranger)).Code);
        Assert.Equal(404, (await _server.DeleteAsync($"/api/v1/avatars/custom/{avatar}", stranger)).Code);
        Assert.Equal(404, (await _server.GetAsync($"/api/v1/generations/{generation}", stranger)).Code);
        Assert.Equal(0, await _server.TotalAsync(stranger, "/api/v1/products"));
        Assert.Equal(0, await _server.TotalAsync(stranger, "/api/v1/generations"));
        Assert.Empty((await _server.GetAsync("/api/v1/avatars/custom", stranger)).Json.EnumerateArray());
        Assert.Equal(0, await _server.CreditsUsedAsync(stranger));

        var shot = await _server.PostAsync("/api/v1/images/product-shots", stranger,
            new { product_id = product, style_id = "studio", model = "fast", aspect_ratio = "1:1" });
        var withAvatar = await _server.PostAsync("/api/v1/videos/talking-avatar", stranger,
            new { avatar_id = avatar, avatar_type = "custom", script = "hi", voice_id = ApiCalls.VoiceId });
        var withProduct = await _server.PostAsync("/api/v1/videos/talking-avatar", stranger,
            new { avatar_id = product, avatar_type = "product", script = "hi", voice_id = ApiCalls.VoiceId });
        var withVoiceover = await _server.PostAsync("/api/v1/videos/talking-avatar", stranger,
            new { avatar_id = ApiCalls.PlatformAvatarId, avatar_type = "platform", voiceover_id = voiceover });

        Assert.Equal(("product_id", 400), (shot.ErrorParam, shot.Code));
        Assert.Equal(("avatar_id", 400), (withAvatar.ErrorParam, withAvatar.Code));
        Assert.Equal(("avatar_id", 400), (withProduct.ErrorParam, withProduct.Code));
        Assert.Equal(("voiceover_id", 400), (withVoiceover.ErrorParam, withVoiceover.Code));
        Assert.Equal(0, await _server.CreditsUsedAsync(stranger));
        Assert.Equal(1 + 1, await _server.CreditsUsedAsync(owner));
    }

    [Fact]
    public async Task The_wrong_avatar_type_does_not_find_an_avatar()
    {
        var key = EmulatorServer.NewKey();
        var avatar = await _server.CreateCustomAvatarAsync(key);
        var product = await _server.CreateProductAsync(key);

        var customAsProduct = await _server.PostAsync("/api/v1/videos/talking-avatar", key,
            new { avatar_id = avatar, avatar_type = "product", script = "hi", voice_id = ApiCalls.VoiceId });
        var productAsPlatform = await _server.PostAsync("/api/v1/videos/talking-avatar", key,
            new { avatar_id = product, avatar_type = "platform", script = "hi", voice_id = ApiCalls.VoiceId });
        var platformAsCustom = await _server.PostAsync("/api/v1/videos/talking-avatar", key,
            new { avatar_id = ApiCalls.PlatformAvatarId, avatar_type = "custom", script = "hi", voice_id = ApiCalls.VoiceId });

        Assert.Equal("avatar_id", customAsProduct.ErrorParam);
        Assert.Equal("avatar_id", productAsPlatform.ErrorParam);
        Assert.Equal("avatar_id", platformAsCustom.ErrorParam);
    }
}
