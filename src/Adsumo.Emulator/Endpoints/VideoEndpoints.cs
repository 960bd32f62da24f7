using System;
using System.Threading.Tasks;
using Adsumo.Emulator.Auth;
using Adsumo.Emulator.Catalog;
using Adsumo.Emulator.Http;
using Adsumo.Emulator.Pricing;
using Adsumo.Emulator.State;
using Adsumo.Emulator.Validation;
using Adsumo.Emulator.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Adsumo.Emulator.Endpoints;

internal sealed class VideoEndpoints(EmulatorRuntime runtime)
{
    public static readonly string[] AvatarTypes = ["platform", "custom", "product"];
    public static readonly string[] LipsyncModels = ["heygen-avatar4", "lipsync-2.0"];
    public static readonly string[] AiVideoModels = ["sora-2", "sora-2-pro", "veo-3.1", "veo-3.1-fast", "kling-2.6"];

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/videos/talking-avatar", TalkingAvatarAsync);
        routes.MapPost("/api/v1/videos/ai-video", AiVideoAsync);
    }

    private async Task TalkingAvatarAsync(HttpContext context)
    {
        var team = context.Team();
        Guid avatarId;
        string avatarType, lipsyncModel;
        string? script = null, voiceId = null, template;
        Guid? voiceoverId;
        using (var body = await JsonBody.ReadAsync(context))
        {
            avatarId = body.RequiredUuid("avatar_id");
            avatarType = body.RequiredEnum("avatar_type", AvatarTypes);
            // A voiceover wins over script and voice_id, which are then not even looked at.
            voiceoverId = body.OptionalUuid("voiceover_id");
            if (voiceoverId is null)
            {
                if (!body.Has("script") && !body.Has("voice_id"))
                    throw ApiErrors.Invalid("script", "'script' with 'voice_id', or 'voiceover_id', is required.");
                script = body.RequiredString("script", Limits.Text);
                voiceId = VoiceEndpoints.RequiredVoice(body);
            }
            lipsyncModel = body.OptionalEnum("lipsync_model", LipsyncModels) ?? LipsyncModels[0];
            template = body.OptionalString("template", Limits.ShortString);
        }

        Generation generation;
        lock (team.Sync)
        {
            if (voiceoverId is { } id)
            {
                if (!team.Voiceovers.TryGetValue(id, out var voiceover))
                    throw ApiErrors.Invalid("voiceover_id", "'voiceover_id' does not name one of the team's voiceovers.");
                script = voiceover.Text;
                voiceId = voiceover.VoiceId;
            }
            var usedResource = CheckAvatar(team, avatarType, avatarId);
            var details = new TalkingAvatarDetailsJson(avatarId, avatarType, script!, voiceId!, template,
                Voiceover.DurationOf(script!), lipsyncModel, voiceoverId);
            generation = runtime.Generations.Submit(team, GenerationTypes.TalkingAvatar,
                CreditPrices.TalkingAvatar(script!.Length), details, GenerationBook.AsksToFail(script), usedResource);
        }
        await Submissions.AcceptedAsync(context, generation);
    }

    /// <summary>The avatar must exist among those of its type; custom avatars and products then count as in use.</summary>
    private static Guid? CheckAvatar(Team team, string avatarType, Guid avatarId)
    {
        switch (avatarType)
        {
            case "platform":
                if (!PlatformAvatars.Contains(avatarId))
                    throw ApiErrors.Invalid("avatar_id", "'avatar_id' does not name a platform avatar (see GET /avatars).");
                return null;
            case "custom":
                if (!team.CustomAvatars.TryGet(avatarId, out _))
                    throw ApiErrors.Invalid("avatar_id", "'avatar_id' does not name one of the team's custom avatars.");
                return avatarId;
            default:
                if (!team.Products.TryGet(avatarId, out _))
                    throw ApiErrors.Invalid("avatar_id", "'avatar_id' does not name one of the team's products.");
                return avatarId;
        }
    }

    private async Task AiVideoAsync(HttpContext context)
    {
        var team = context.Team();
        AiVideoDetailsJson details;
        using (var body = await JsonBody.ReadAsync(context))
        {
            var model = body.RequiredEnum("model", AiVideoModels);
            var prompt = body.RequiredString("prompt", Limits.Text);
            var aspectRatio = body.OptionalMatch("aspect_ratio", Patterns.AspectRatio(), "16:9") ?? "16:9";
            var duration = body.Integer("duration", 1, Limits.MaxAiVideoSeconds, Limits.DefaultAiVideoSeconds);
            details = new AiVideoDetailsJson(prompt, model, duration, aspectRatio);
        }

        Generation generation;
        lock (team.Sync)
        {
            generation = runtime.Generations.Submit(team, GenerationTypes.AiVideo, CreditPrices.AiVideo(details.Duration),
                details, GenerationBook.AsksToFail(details.Prompt), null);
        }
        await Submissions.AcceptedAsync(context, generation);
    }
}
