using System.Threading.Tasks;
using Adsumo.Emulator.Http;
using Adsumo.Emulator.Json;
using Adsumo.Emulator.State;
using Adsumo.Emulator.Wire;
using Microsoft.AspNetCore.Http;

namespace Adsumo.Emulator.Endpoints;

internal static class Submissions
{
    /// <summary>Every submit call answers the same way: 202 and the id under the name the docs use.</summary>
    public static Task AcceptedAsync(HttpContext context, Generation generation) =>
        JsonResponses.WriteAsync(context, StatusCodes.Status202Accepted,
            new SubmittedGenerationJson(generation.Id, generation.Type, GenerationStatuses.Processing),
            EmulatorJson.Wire.SubmittedGenerationJson);
}
