using System;
using System.Diagnostics;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Adsumo.Emulator.RequestLogging;

internal sealed class RequestLogMiddleware(RequestLog log, TimeProvider clock)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var record = new RequestRecord();
        context.Features.Set(record);
        var time = clock.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
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
            var request = context.Request;
            var response = context.Response;
            var cut = record.Aborted || (context.RequestAborted.IsCancellationRequested && !response.HasStarted);
            log.Add(new LoggedRequest
            {
                Time = time,
                Method = request.Method,
                Path = request.Path.Value ?? "",
                Query = request.QueryString.HasValue ? request.QueryString.Value![1..] : null,
                Status = cut ? 0 : failed ? StatusCodes.Status500InternalServerError : response.StatusCode,
                Authorization = request.Headers.ContainsKey("Authorization"),
                RequestId = context.TraceIdentifier,
                Fault = record.Fault,
                DurationMs = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 3),
            });
        }
    }
}
