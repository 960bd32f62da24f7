using System.Threading.Tasks;
using Adsumo.Emulator.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Adsumo.Emulator.Control;

/// <summary>
/// The control API under /_emulator/: not part of Adsumo, needs no key, and is never faulted, limited or logged,
/// so a test can always steer the emulator whatever it has been told to do to /api/v1.
/// </summary>
internal sealed class ControlEndpoints(EmulatorRuntime runtime)
{
    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/_emulator/reset", Reset);
        new FaultControl(runtime.Faults).Map(routes);
        new SettingsControl(runtime.Settings).Map(routes);
        new RequestLogControl(runtime.Log).Map(routes);
        new GenerationControl(runtime).Map(routes);
        new SeedControl(runtime).Map(routes);
    }

    private Task Reset(HttpContext context)
    {
        runtime.Reset();
        JsonResponses.NoContent(context);
        return Task.CompletedTask;
    }
}
