using System.Management.Automation;
using Adsumo.Client;
using Adsumo.Completion;
using Adsumo.Infrastructure;

namespace Adsumo.Commands;

/// <summary>
/// Starts a talking-avatar video: an avatar speaking a script in a voice, or a voiceover.
/// </summary>
/// <remarks>
/// Give -Script and -VoiceId, or -VoiceoverId (from New-AdsumoVoiceover). The avatar is a platform avatar, one of
/// the team's custom avatars, or one of its products (-AvatarType Product); an avatar piped from Get-AdsumoAvatar
/// supplies both its id and its type. Costs 20 credits per started 250 characters of script, at least 20 and at most
/// 160; over a voiceover made with the same connection the price is exact, while over one made elsewhere the length is unknown, so it is estimated at up to 160. The confirmation
/// (-WhatIf, -Confirm) says what it will spend and -MaxCredits refuses a video estimated above a bound, before
/// anything is sent. Writes the new generation at once (still processing), or with -Wait when it is done.
/// </remarks>
/// <example>
/// <code>Get-AdsumoAvatar -Type Platform -Gender female | Select-Object -First 1 | New-AdsumoTalkingAvatarVideo -Script 'Meet the Trail Bottle.' -VoiceId EXAVITQu4vr4xnSDxMaL -Wait | Save-AdsumoGeneration -Path ./ads</code>
/// <para>Makes a short video with the first female platform avatar, waits for it and saves it.</para>
/// </example>
/// <example>
/// <code>$voiceover = New-AdsumoVoiceover -Text 'Hello!' -VoiceId EXAVITQu4vr4xnSDxMaL; New-AdsumoTalkingAvatarVideo -AvatarId $avatar.Id -AvatarType Custom -VoiceoverId $voiceover.Id -MaxCredits 40</code>
/// <para>Makes a custom avatar speak an existing voiceover, refusing if it could cost more than 40 credits.</para>
/// </example>
[Cmdlet(VerbsCommon.New, "AdsumoTalkingAvatarVideo", DefaultParameterSetName = ScriptSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(Generation))]
public sealed class NewAdsumoTalkingAvatarVideoCommand : NewGenerationCmdlet
{
    private const string ScriptSet = "Script";
    private const string VoiceoverSet = "Voiceover";

    /// <summary>The avatar's id. Takes avatars (and their Id) from the pipeline.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AvatarIdCompleter))]
    public string AvatarId { get; set; } = "";

    /// <summary>Platform (the default), Custom or Product. Taken from the Type of a piped avatar.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Type")]
    [ValidateSet(Choices.Platform, Choices.Custom, Choices.Product)]
    public string AvatarType { get; set; } = Choices.Platform;

    /// <summary>What the avatar says.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ScriptSet)]
    [ValidateNotNullOrEmpty]
    public string Script { get; set; } = "";

    /// <summary>The voice that speaks the script (Get-AdsumoVoice lists them).</summary>
    [Parameter(Mandatory = true, ParameterSetName = ScriptSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(VoiceIdCompleter))]
    public string VoiceId { get; set; } = "";

    /// <summary>A voiceover to speak instead of a script (from New-AdsumoVoiceover).</summary>
    [Parameter(Mandatory = true, ParameterSetName = VoiceoverSet)]
    [ValidateNotNullOrEmpty]
    public string VoiceoverId { get; set; } = "";

    /// <summary>The lip-sync model: heygen-avatar4 (the service's default) or lipsync-2.0.</summary>
    [Parameter]
    [ValidateSet(Choices.HeygenAvatar4, Choices.Lipsync20)]
    public string? LipsyncModel { get; set; }

    private protected override object? CurrentTarget => AvatarId;

    private protected override GenerationDraft Draft() => new TalkingAvatarDraft
    {
        AvatarId = AvatarId,
        AvatarType = AvatarType.ToLowerInvariant(),
        Script = ParameterSetName == ScriptSet ? Script : null,
        VoiceId = ParameterSetName == ScriptSet ? VoiceId : null,
        VoiceoverId = ParameterSetName == VoiceoverSet ? VoiceoverId : null,
        VoiceoverCharacters = ParameterSetName == VoiceoverSet ? Client.VoiceoverTextLength(VoiceoverId) : null,
        LipsyncModel = LipsyncModel,
    };
}
