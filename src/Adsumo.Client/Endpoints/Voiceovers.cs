using System.Threading.Tasks;
using Adsumo.Client.Http;

namespace Adsumo.Client;

public sealed partial class AdsumoClient
{
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
