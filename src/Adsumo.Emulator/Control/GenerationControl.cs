using System.Threading.Tasks;
using Adsumo.Emulator.Hosting;
using Adsumo.Emulator.Http;
using Adsumo.Emulator.Json;
using Adsumo.Emulator.State;
using Adsumo.Emulator.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Adsumo.Emulator.Control;

/// <summary>Finishes a generation of any team now, for tests that run with generation_seconds -1.</summary>
internal sealed class GenerationControl(EmulatorRuntime runtime)
{
    public const string DefaultFailureMessage = "Failed through the emulator's control API.";

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/_emulator/generations/{id}/complete", Complete);
        routes.MapPost("/_emulator/generations/{id}/fail", FailAsync);
    }

    private Task Complete(HttpContext context)
    {
        var generation = Find(context);
        return FinishAsync(context, generation, GenerationOutcome.Completed(runtime.Clock.GetUtcNow()));
    }

    private async Task FailAsync(HttpContext context)
    {
        var generation = Find(context);
        string message;
        using (var body = await JsonBody.ReadOptionalAsync(context))
            message = body.OptionalString("error_message", 1000) ?? DefaultFailureMessage;
        await FinishAsync(context, generation, GenerationOutcome.Failed(runtime.Clock.GetUtcNow(), message));
    }

    private Generation Find(HttpContext context)
    {
        var id = PathIds.Read(context);
        return runtime.Teams.TryFindGeneration(id, out var generation)
            ? generation
            : throw ApiErrors.NotFound($"No generation {id}.");
    }

    private Task FinishAsync(HttpContext context, Generation generation, GenerationOutcome outcome)
    {
        // One whose deadline has passed already finished, even if nobody has looked since.
        runtime.Lifecycle.SettleIfDue(generation, outcome.CompletedAt);
        if (!runtime.Lifecycle.Finish(generation, outcome))
            throw ApiErrors.Conflict($"Generation {generation.Id} has already finished ({generation.Status}).");
        return JsonResponses.WriteAsync(context, StatusCodes.Status200OK,
            runtime.Views.Full(generation, ServerAddress.RootOf(context.Request)), EmulatorJson.Wire.GenerationJson);
    }
}
