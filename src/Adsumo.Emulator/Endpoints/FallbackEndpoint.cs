using System.Threading.Tasks;
using Adsumo.Emulator.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Adsumo.Emulator.Endpoints;

/// <summary>
/// Unknown paths and wrong methods get the contract's 404 envelope rather than an empty body. Under /api/v1 this
/// runs after authentication, as a real API would.
/// </summary>
internal static class FallbackEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapFallback("{**path}", NotFound);

    private static Task NotFound(HttpContext context) =>
        throw ApiErrors.NotFound($"No endpoint {context.Request.Method} {context.Request.Path}.");
}
