using System.Globalization;
using System.Threading.Tasks;
using Adsumo.Emulator.Http;
using Adsumo.Emulator.Json;
using Adsumo.Emulator.RequestLogging;
using Adsumo.Emulator.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Adsumo.Emulator.Control;

internal sealed class RequestLogControl(RequestLog log)
{
    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/_emulator/requests", Get);
        routes.MapDelete("/_emulator/requests", Delete);
    }

    private Task Get(HttpContext context)
    {
        long since = 0;
        if (context.Request.Query.TryGetValue("since", out var values)
            && (values.Count != 1
                || !long.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out since)))
            throw ApiErrors.Invalid("since", "'since' must be a sequence number (an integer of 0 or more).");
        return JsonResponses.WriteAsync(context, StatusCodes.Status200OK, new DataJson<LoggedRequest>(log.Since(since)),
            EmulatorJson.Wire.DataJsonLoggedRequest);
    }

    private Task Delete(HttpContext context)
    {
        log.Clear();
        JsonResponses.NoContent(context);
        return Task.CompletedTask;
    }
}
