using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Adsumo.Emulator.RequestLogging;

internal sealed class RequestLogMiddleware(RequestLog log, TimeProvider clock)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var record = new RequestRecord(log, context, clock.GetUtcNow());
        context.Features.Set(record);
        context.Response.OnStarting(static state =>
        {
            var started = (RequestRecord)state;
            started.Write(started.Status);
            return Task.CompletedTask;
        }, record);

        var failed = false;
        try
        {
            await next(context);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            // Only requests whose response never started get here unwritten: cut, abandoned, or failed early.
            var response = context.Response;
            record.Write(context.RequestAborted.IsCancellationRequested ? 0
                : failed && !response.HasStarted ? StatusCodes.Status500InternalServerError
                : response.StatusCode);
        }
    }
}
