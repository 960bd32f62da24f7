using System.Collections.Generic;
using System.Threading.Tasks;
using Adsumo.Client.Http;

namespace Adsumo.Client;

public sealed partial class AdsumoSession
{
    /// <summary>Voices, filtered on the server by any of gender, age group, accent and style.</summary>
    public PagedQuery<Voice> ListVoices(string? gender, string? ageGroup, string? accent, string? style, ulong skip, ulong first) =>
        Paged("voices", new List<KeyValuePair<string, string?>> { new("gender", gender), new("age_group", ageGroup), new("accent", accent), new("style", style) },
            ModelReader.Voice, v => v.Id, skip, first);

    /// <summary>Makes a voiceover (synchronous, 1 credit; sent once).</summary>
    public async Task<Voiceover> CreateVoiceoverAsync(VoiceoverDraft draft, CallContext call)
    {
        draft.Validate();
        var voiceover = await ReadOneAsync(ApiRequest.Create("voiceovers/text-to-speech", draft.ToJson()), ModelReader.Voiceover, call).ConfigureAwait(false);
        voiceover.VoiceId ??= draft.VoiceId;
        voiceover.Text ??= draft.Text;
        return voiceover;
    }
}
