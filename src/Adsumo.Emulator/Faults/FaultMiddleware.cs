using System;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using Adsumo.Emulator.Http;
using Adsumo.Emulator.RequestLogging;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Adsumo.Emulator.Faults;

/// <summary>Applies the drawn fault to an /api/v1 request, before or after processing it.</summary>
internal sealed class FaultMiddleware(FaultInjector faults)
{
    // A body cut off mid-value, the way a truncated proxy response looks.
    private static readonly byte[] MalformedBody = "{\"data\":[{\"id\":"u8.ToArray();

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var plan = faults.Draw(context.Request.Method);
        if (plan.LatencyMs > 0)
        {
            try
            {
                await Task.Delay(plan.LatencyMs, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (plan.Kind == FaultKind.None)
        {
            await next(context);
            return;
        }

        var record = context.Features.Get<RequestRecord>();
        if (record is not null) record.Fault = plan.LogName;
        if (plan.AfterProcessing) await ProcessAndDiscardAsync(context, next);
        await InjectAsync(context, plan, record);
    }

    /// <summary>
    /// Runs the request for real with its response written to nowhere: the work is done (and charged) but the client
    /// only ever sees the fault, which is what a lost response looks like.
    /// </summary>
    private static async Task ProcessAndDiscardAsync(HttpContext context, RequestDelegate next)
    {
        var original = context.Features.Get<IHttpResponseBodyFeature>()!;
        var sink = new StreamResponseBodyFeature(Stream.Null);
        context.Features.Set<IHttpResponseBodyFeature>(sink);
        try
        {
            await next(context);
            await sink.CompleteAsync();
        }
        finally
        {
            context.Features.Set(original);
        }
        context.Response.Clear();
        context.Response.Headers[RequestIds.Header] = context.TraceIdentifier;
    }

    private static async Task InjectAsync(HttpContext context, FaultPlan plan, RequestRecord? record)
    {
        switch (plan.Kind)
        {
            case FaultKind.Error:
                await JsonResponses.WriteErrorAsync(context, StatusCodes.Status500InternalServerError, "internal_error",
                    "Injected fault: the emulator answers 500 on purpose.");
                break;
            case FaultKind.RateLimit:
                context.Response.Headers.RetryAfter = plan.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                await JsonResponses.WriteErrorAsync(context, StatusCodes.Status429TooManyRequests, "rate_limited",
                    "Injected fault: the emulator answers 429 on purpose.");
                break;
            case FaultKind.Reset:
                // Logged before the cut, so a client that sees the reset already finds it in the log.
                record?.Write(0);
                context.Abort();
                break;
            case FaultKind.Malformed:
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.ContentType = JsonResponses.ContentType;
                context.Response.ContentLength = MalformedBody.Length;
                await context.Response.Body.WriteAsync(MalformedBody, context.RequestAborted);
                break;
        }
    }
}
