using System.Threading.Tasks;
using Adsumo.Client.Http;

namespace Adsumo.Client;

public sealed partial class AdsumoClient
{
    /// <summary>
    /// Submits a generation. It is checked first and sent once: after it may have reached the service it is never
    /// resent, so nothing is created or charged twice. Answers at once with the generation, still processing.
    /// </summary>
    public async Task<Generation> CreateGenerationAsync(GenerationDraft draft, CallContext call)
    {
        draft.Validate();
        var generation = await ReadOneAsync(ApiRequest.Create(draft.Path, draft.ToJson()), ModelReader.Generation, call).ConfigureAwait(false);
        generation.EstimatedCredits = draft.Estimate()?.High;
        return generation;
    }
}
