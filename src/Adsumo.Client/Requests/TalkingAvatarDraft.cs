namespace Adsumo.Client;

/// <summary>A talking-avatar video: an avatar speaking a script in a voice, or a voiceover.</summary>
public sealed class TalkingAvatarDraft : GenerationDraft
{
    public string? AvatarId { get; set; }
    public string AvatarType { get; set; } = Choices.Platform;
    public string? Script { get; set; }
    public string? VoiceId { get; set; }
    public string? VoiceoverId { get; set; }
    public string? LipsyncModel { get; set; }

    /// <summary>The voiceover's text length, when this client made it; prices it exactly.</summary>
    public int? VoiceoverCharacters { get; set; }

    internal override string Path => "videos/talking-avatar";

    public override void Validate()
    {
        AvatarId = Input.Id(AvatarId, nameof(AvatarId), "avatar id");
        AvatarType = Input.OneOf(AvatarType, Choices.AvatarTypes, nameof(AvatarType));
        if (LipsyncModel is not null) LipsyncModel = Input.OneOf(LipsyncModel, Choices.LipsyncModels, nameof(LipsyncModel));
        if (VoiceoverId is not null)
        {
            VoiceoverId = Input.Id(VoiceoverId, nameof(VoiceoverId), "voiceover id");
            return;
        }
        Script = Input.Required(Script, nameof(Script));
        VoiceId = Input.VoiceId(VoiceId, nameof(VoiceId));
    }

    public override CreditEstimate Estimate() => VoiceoverId is null
        ? Prices.TalkingAvatar(Script?.Length ?? 0)
        : VoiceoverCharacters is { } length ? Prices.TalkingAvatar(length) : Prices.TalkingAvatarUnknownScript();

    public override string Describe() => $"talking-avatar video ({AvatarType} avatar {AvatarId}, {(VoiceoverId is null ? $"{Script?.Length ?? 0} characters of script" : $"voiceover {VoiceoverId}")})";

    internal override byte[] ToJson() => new JsonBody()
        .Set("avatar_id", AvatarId).Set("avatar_type", AvatarType)
        .Set("script", VoiceoverId is null ? Script : null).Set("voice_id", VoiceoverId is null ? VoiceId : null)
        .Set("voiceover_id", VoiceoverId).Set("lipsync_model", LipsyncModel)
        .ToBytes();
}
