using System.Threading.Tasks;
using Adsumo.Emulator.Auth;
using Adsumo.Emulator.Http;
using Adsumo.Emulator.Json;
using Adsumo.Emulator.Pricing;
using Adsumo.Emulator.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Adsumo.Emulator.Endpoints;

internal sealed class CreditEndpoints(EmulatorRuntime runtime)
{
    public void Map(IEndpointRouteBuilder routes) => routes.MapGet("/api/v1/account/credits", Get);

    private Task Get(HttpContext context)
    {
        var team = context.Team();
        var limit = runtime.Settings.Current.Credits;
        CreditsJson credits;
        lock (team.Sync) credits = new CreditsJson(team.CreditsUsed, limit, CreditLedger.Remaining(team, limit));
        return JsonResponses.WriteAsync(context, StatusCodes.Status200OK, credits, EmulatorJson.Wire.CreditsJson);
    }
}
