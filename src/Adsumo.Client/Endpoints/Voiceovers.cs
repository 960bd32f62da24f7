using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Adsumo.Client.Http;

namespace Adsumo.Client;

public sealed partial class AdsumoClient
{
    // The text lengths of the voiceovers this connection made, so a talking-avatar video over one of them is priced
    // exactly rather than across the whole published range. Bounded: the oldest are forgotten first.
    private const int RememberedVoiceovers = 1000;
    private readonly Dictionary<string, int> _voiceoverLengths = new(StringComparer.OrdinalIgnoreCase);
    private readonly Queue<string> _voiceoverOrder = new();

    /// <summary>
    /// Makes a voiceover (synchronous, 1 credit; sent once). Voiceovers cannot be listed, so one whose answer is
    /// lost cannot be looked for: it is an Adsumo.OutcomeUnknown error, and never sent again. With a journal ticket,
    /// one the journal records as made is given back from the journal (its audio URL is not kept), and one in doubt
    /// stays in doubt.
    /// </summary>
    public async Task<Voiceover> CreateVoiceoverAsync(VoiceoverDraft draft, CallContext call, JournalTicket? ticket = null)
    {
        draft.Validate();
        if (ticket is null) return await SendVoiceoverAsync(draft, RequestIdentity.Of(VoiceoverDraft.Path, draft.ToJson()), null, call).ConfigureAwait(false);
        await ticket.BeginAsync(call.Cancellation).ConfigureAwait(false);
        try
        {
            var known = ticket.Known;
            if (known.VoiceoverId is { } made)
            {
                call.Log.Verbose($"Journal: {ticket.Key} was already made as voiceover {made}; not sending it again (voiceovers cannot be read back, so its audio URL is not known).");
                RememberVoiceover(made, draft.Text!.Length);
                return new Voiceover { Id = made, Status = "completed", Duration = known.VoiceoverDuration, VoiceId = draft.VoiceId, Text = draft.Text };
            }
            if (known.InDoubt is not null)
            {
                var unknown = new AdsumoException(AdsumoErrorKind.OutcomeUnknown,
                    $"Journal: the voiceover {ticket.Key} was sent at {known.SentAt:u} by an earlier run that recorded no answer. Voiceovers cannot be listed, so the module cannot find out whether it was made, and does not send it again. Check Get-AdsumoCredit; to make it anyway, give it another -JournalKey.")
                {
                    MayHaveBeenCreated = true,
                };
                throw unknown;
            }
            return await SendVoiceoverAsync(draft, ticket.Identity, ticket, call).ConfigureAwait(false);
        }
        finally
        {
            ticket.End();
        }
    }

    private async Task<Voiceover> SendVoiceoverAsync(VoiceoverDraft draft, RequestIdentity identity, JournalTicket? ticket, CallContext call)
    {
        if (ticket is not null) await ticket.RecordIntentAsync(draft.Estimate()).ConfigureAwait(false);
        Voiceover voiceover;
        try
        {
            voiceover = await ReadOneAsync(ApiRequest.Create(VoiceoverDraft.Path, identity.Body), ModelReader.Voiceover, call).ConfigureAwait(false);
        }
        catch (AdsumoException e) when (e.MayHaveBeenCreated)
        {
            var unknown = new AdsumoException(AdsumoErrorKind.OutcomeUnknown,
                $"The answer to POST {BaseUri.AbsolutePath}{VoiceoverDraft.Path} was lost ({Reason(e)}). Voiceovers cannot be listed, so the module cannot find out whether it was made, and it was not sent again: it may have been made (and charged 1 credit). Check Get-AdsumoCredit before trying again (request {e.RequestId}).", e)
            {
                StatusCode = e.StatusCode,
                ErrorCode = e.ErrorCode,
                RequestId = e.RequestId,
                Attempts = e.Attempts,
                MayHaveBeenCreated = true,
            };
            ticket?.RecordInDoubt(unknown);
            throw unknown;
        }
        catch (AdsumoException e)
        {
            ticket?.RecordNotCreated(e);
            throw;
        }
        voiceover.VoiceId ??= draft.VoiceId;
        voiceover.Text ??= draft.Text;
        RememberVoiceover(voiceover.Id, draft.Text!.Length);
        ticket?.RecordVoiceover(voiceover);
        return voiceover;
    }

    /// <summary>The text length of a voiceover this connection made, when it still remembers it.</summary>
    public int? VoiceoverTextLength(string voiceoverId)
    {
        lock (_voiceoverLengths) return _voiceoverLengths.TryGetValue(voiceoverId.Trim(), out var length) ? length : null;
    }

    private void RememberVoiceover(string id, int characters)
    {
        lock (_voiceoverLengths)
        {
            if (!_voiceoverLengths.ContainsKey(id)) _voiceoverOrder.Enqueue(id);
            _voiceoverLengths[id] = characters;
            while (_voiceoverOrder.Count > RememberedVoiceovers) _voiceoverLengths.Remove(_voiceoverOrder.Dequeue());
        }
    }
}
