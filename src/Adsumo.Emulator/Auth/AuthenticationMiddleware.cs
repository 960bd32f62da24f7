using System.Threading.Tasks;
using Adsumo.Emulator.State;
using Microsoft.AspNetCore.Http;

namespace Adsumo.Emulator.Auth;

internal sealed class AuthenticationMiddleware(TeamStore teams)
{
    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var key = ApiKeys.Read(context.Request.Headers.Authorization);
        context.Features.Set(teams.GetOrAdd(key));
        return next(context);
    }
}
