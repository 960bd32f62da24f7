using System;
using System.Threading.Tasks;
using Adsumo.Client.Tests.Infrastructure;

namespace Adsumo.Client.Tests.Validation;

/// <summary>A draft is checked before it is sent, so that a bad value costs no round trip and no credits.</summary>
public sealed class DraftValidationTests
{
    private const string Uuid = "550e8400-e29b-41d4-a716-446655440000";

    [Fact]
    public async Task An_avatar_name_over_50_characters_is_refused_before_sending()
    {
        await using var server = await ScenarioServer.StartAsync();
        var draft = new AvatarDraft { Name = new string('a', 51), ImageUrl = "https://cdn.example/face.png" };

        var error = await Assert.ThrowsAsync<AdsumoInputException>(() => TestClients.For(server).CreateCustomAvatarAsync(draft, TestClients.Call()));

        Assert.Equal("NameTooLong", error.Reason);
        Assert.Equal("Name", error.ParamName);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_bad_generation_is_refused_before_sending()
    {
        await using var server = await ScenarioServer.StartAsync();
        var draft = new ProductShotDraft { ProductId = Uuid, StyleId = "Lifestyle Outdoor", Model = "fast", AspectRatio = "1:1" };

        var error = await Assert.ThrowsAsync<AdsumoInputException>(() => TestClients.For(server).CreateGenerationAsync(draft, TestClients.Call()));

        Assert.Equal("InvalidStyleId", error.Reason);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_bad_id_is_refused_before_sending()
    {
        await using var server = await ScenarioServer.StartAsync();

        var error = await Assert.ThrowsAsync<AdsumoInputException>(() => TestClients.For(server).GetGenerationAsync("../account/credits", TestClients.Call()));

        Assert.Equal("InvalidId", error.Reason);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void A_talking_avatar_needs_a_script_and_voice_or_a_voiceover()
    {
        Assert.Equal("MissingValue", Assert.Throws<AdsumoInputException>(() => new TalkingAvatarDraft { AvatarId = Uuid, VoiceId = "v1" }.Validate()).Reason);
        Assert.Equal("MissingValue", Assert.Throws<AdsumoInputException>(() => new TalkingAvatarDraft { AvatarId = Uuid, Script = "Hi" }.Validate()).Reason);
        new TalkingAvatarDraft { AvatarId = Uuid, VoiceoverId = Uuid }.Validate();
        new TalkingAvatarDraft { AvatarId = Uuid, Script = "Hi", VoiceId = "EXAVITQu4vr4xnSDxMaL" }.Validate();
    }

    [Theory]
    [InlineData("PLATFORM", "platform")]
    [InlineData("Custom", "custom")]
    public void Choices_are_taken_in_any_case_and_sent_in_lower_case(string given, string sent)
    {
        var draft = new TalkingAvatarDraft { AvatarId = Uuid, AvatarType = given, Script = "Hi", VoiceId = "v1" };

        draft.Validate();

        Assert.Equal(sent, draft.AvatarType);
    }

    [Fact]
    public void Unknown_choices_are_refused_with_the_list()
    {
        var error = Assert.Throws<AdsumoInputException>(() => new AiVideoDraft { Prompt = "x", Model = "sora-3" }.Validate());

        Assert.Equal("InvalidValue", error.Reason);
        Assert.Contains("sora-2, sora-2-pro, veo-3.1, veo-3.1-fast, kling-2.6", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(61)]
    public void An_ai_video_lasts_1_to_60_seconds(int seconds)
    {
        Assert.Equal("OutOfRange", Assert.Throws<AdsumoInputException>(() => new AiVideoDraft { Prompt = "x", Model = "kling-2.6", Duration = seconds }.Validate()).Reason);
        new AiVideoDraft { Prompt = "x", Model = "kling-2.6", Duration = 60 }.Validate();
    }

    [Fact]
    public void Images_need_an_aspect_ratio_and_1_to_8_of_them()
    {
        Assert.Equal("MissingValue", Assert.Throws<AdsumoInputException>(() => new ImageDraft { Prompt = "x", Model = "fast" }.Validate()).Reason);
        Assert.Equal("OutOfRange", Assert.Throws<AdsumoInputException>(() => new ImageDraft { Prompt = "x", Model = "fast", AspectRatio = "1:1", Quantity = 9 }.Validate()).Reason);
        Assert.Equal("InvalidValue", Assert.Throws<AdsumoInputException>(() => new ImageDraft { Prompt = "x", Model = "fast", AspectRatio = "1:1", Resolution = "8k" }.Validate()).Reason);
    }

    [Fact]
    public void Voice_settings_that_json_cannot_carry_are_refused()
    {
        var draft = new VoiceoverDraft { Text = "Hi", VoiceId = "v1", VoiceSettings = new System.Collections.Hashtable { ["stability"] = double.NaN } };

        Assert.Equal("InvalidBody", Assert.Throws<AdsumoInputException>(draft.Validate).Reason);
    }

    [Fact]
    public void A_product_keeps_the_service_s_lengths()
    {
        static ProductDraft Product() => new() { Name = "Mug", Description = "A mug", Category = "Kitchen", ImageUrl = "https://example.com/p.png" };
        var name = Product();
        name.Name = new string('n', ServiceLimits.ProductName + 1);
        Assert.Equal("NameTooLong", Assert.Throws<AdsumoInputException>(name.Validate).Reason);
        var category = Product();
        category.Category = new string('c', ServiceLimits.ProductCategory + 1);
        Assert.Equal("TextTooLong", Assert.Throws<AdsumoInputException>(category.Validate).Reason);
        var link = Product();
        link.Link = "https://example.com/" + new string('l', ServiceLimits.Url);
        Assert.Equal("InvalidUrl", Assert.Throws<AdsumoInputException>(link.Validate).Reason);
        var atLimits = Product();
        atLimits.Name = new string('n', ServiceLimits.ProductName);
        atLimits.Description = new string('d', ServiceLimits.Description);
        atLimits.Validate();
    }

    [Fact]
    public void Blank_optional_text_is_left_out_rather_than_sent()
    {
        var avatar = new AvatarDraft { Name = "Ava", ImageUrl = "https://example.com/face.png", Description = "   " };
        avatar.Validate();
        Assert.Null(avatar.Description);
        var shot = new ProductShotDraft { ProductId = Uuid, StyleId = "studio", Model = "fast", AspectRatio = "1:1", AdditionalPrompt = " " };
        shot.Validate();
        Assert.Null(shot.AdditionalPrompt);
    }
}
