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

    /// <summary>Makes a voiceover (synchronous, 1 credit; sent once).</summary>
    public async Task<Voiceover> CreateVoiceoverAsync(VoiceoverDraft draft, CallContext call)
    {
        draft.Validate();
        var voiceover = await ReadOneAsync(ApiRequest.Create("voiceovers/text-to-speech", draft.ToJson()), ModelReader.Voiceover, call).ConfigureAwait(false);
        voiceover.VoiceId ??= draft.VoiceId;
        voiceover.Text ??= draft.Text;
        RememberVoiceover(voiceover.Id, draft.Text!.Length);
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
