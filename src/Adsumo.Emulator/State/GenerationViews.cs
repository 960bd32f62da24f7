using Adsumo.Emulator.Files;
using Adsumo.Emulator.Wire;

namespace Adsumo.Emulator.State;

/// <summary>A generation as the API shows it, with a freshly signed result URL on every read.</summary>
internal sealed class GenerationViews(ResultUrls urls)
{
    public GenerationItemJson Item(Generation generation, string root)
    {
        var outcome = generation.Outcome;
        return new GenerationItemJson(generation.Id, generation.Type, outcome?.Status ?? GenerationStatuses.Processing,
            generation.CreatedAt, outcome?.CompletedAt, ResultUrl(generation, outcome, root), outcome?.ErrorMessage);
    }

    public GenerationJson Full(Generation generation, string root)
    {
        var outcome = generation.Outcome;
        return new GenerationJson(generation.Id, generation.Type, outcome?.Status ?? GenerationStatuses.Processing,
            generation.CreatedAt, outcome?.CompletedAt, ResultUrl(generation, outcome, root), outcome?.ErrorMessage,
            generation.Details);
    }

    private string? ResultUrl(Generation generation, GenerationOutcome? outcome, string root) =>
        outcome?.Status == GenerationStatuses.Completed ? urls.ForGeneration(root, generation) : null;
}
