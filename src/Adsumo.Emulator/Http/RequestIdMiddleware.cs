using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Adsumo.Emulator.Http;

internal static class RequestIdMiddleware
{
    /// <summary>The id also becomes the TraceIdentifier, which is where later steps look for it.</summary>
    public static Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var id = RequestIds.FromRequestOrNew(context.Request.Headers[RequestIds.Header]);
        context.TraceIdentifier = id;
        context.Response.Headers[RequestIds.Header] = id;
        return next(context);
    }
}
