using System;
using System.Collections;
using System.Management.Automation;
using Adsumo.Client;
using Adsumo.Completion;
using Adsumo.Infrastructure;

namespace Adsumo.Commands;

/// <summary>
/// Makes a voiceover: speech from text in one of the voices.
/// </summary>
/// <remarks>
/// Synchronous: writes an Adsumo.Voiceover once the audio is made, for 1 credit. Its Id can be given to
/// New-AdsumoTalkingAvatarVideo -VoiceoverId. -OutFile also saves the audio, the same safe way as
/// Save-AdsumoGeneration (a temporary file renamed when complete; an existing file is kept unless -Force).
/// -VoiceSettings is passed to the service as a JSON object. Several texts are made side by side (-ThrottleLimit).
/// Voiceovers cannot be listed, so one whose answer is lost cannot be looked for: it is an Adsumo.OutcomeUnknown
/// error and is never sent again. With -Journal a voiceover already made is given back from the journal (without its
/// audio URL) and not made again (about_Adsumo_Batches).
/// </remarks>
/// <example>
/// <code>New-AdsumoVoiceover -Text 'Stay cold for 24 hours.' -VoiceId EXAVITQu4vr4xnSDxMaL -OutFile ./line.mp3</code>
/// <para>Makes a voiceover and saves its audio.</para>
/// </example>
/// <example>
/// <code>$vo = New-AdsumoVoiceover -Text $script -VoiceId $voice.Id -VoiceSettings @{ stability = 0.4; similarity_boost = 0.8 }; New-AdsumoTalkingAvatarVideo -AvatarId $avatar.Id -AvatarType Custom -VoiceoverId $vo.Id</code>
/// <para>A voiceover with custom settings, then a talking-avatar video that speaks it.</para>
/// </example>
[Cmdlet(VerbsCommon.New, "AdsumoVoiceover", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(Voiceover), typeof(CostEstimate))]
public sealed class NewAdsumoVoiceoverCommand : BatchCreationCmdlet
{
    /// <summary>What the voice says.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Text { get; set; } = "";

    /// <summary>The voice (Get-AdsumoVoice lists them).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(VoiceIdCompleter))]
    public string VoiceId { get; set; } = "";

    /// <summary>The speech model, when not the service's default.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Model { get; set; }

    /// <summary>Voice settings sent as a JSON object, such as @{ stability = 0.5 }.</summary>
    [Parameter]
    public Hashtable? VoiceSettings { get; set; }

    /// <summary>Also saves the audio to this file.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OutFile { get; set; }

    /// <summary>With -OutFile: overwrites an existing file.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    private protected override object? CurrentTarget => VoiceId;

    private protected override void Process()
    {
        var draft = new VoiceoverDraft { Text = Text, VoiceId = VoiceId, Model = Model, VoiceSettings = PlainValues.From(VoiceSettings, nameof(VoiceSettings)) as IDictionary };
        draft.Validate();
        var destination = OutFile is null ? null : FileSystemPaths.Resolve(this, OutFile, nameof(OutFile));
        if (destination is not null && !Estimate) ResultDownloader.CheckDestination(destination, Force);
        if (!Decide(draft.Describe(), draft.Estimate(), VoiceId)) return;

        var client = Client;
        var ticket = Ticket(client, draft.Identity(), draft.Describe());
        Submit(async call =>
        {
            var voiceover = await client.CreateVoiceoverAsync(draft, call, ticket).ConfigureAwait(false);
            Pump.Post(() => Written(client, voiceover, destination, ticket));
        }, VoiceId);
    }

    // On the pipeline thread. The voiceover is made and paid for: whatever happens to its file, it is written, and
    // before the error about its audio, so that even -ErrorAction Stop (which ends the command at that error) keeps it.
    private void Written(AdsumoClient client, Voiceover voiceover, string? destination, JournalTicket? ticket)
    {
        Exception? notSaved = null;
        if (destination is not null)
        {
            try
            {
                var url = ResultUrl.Parse(voiceover.AudioUrl, $"Voiceover {voiceover.Id}");
                voiceover.Path = FileDownload.Run(this, client, url, destination, Force, null).Path;
                ticket?.Journal.RecordSaved(voiceover.Id, voiceover.Path);
            }
            catch (Exception e) when (e is AdsumoException or AdsumoInputException)
            {
                notSaved = e;
            }
        }
        WriteObject(voiceover);
        if (notSaved is not null) WriteFailure(notSaved, voiceover.Id, $"Voiceover {voiceover.Id} was made, but its audio was not saved:");
    }
}
