using System;
using System.Diagnostics;
using System.Threading;
using Microsoft.AspNetCore.Http;

namespace Adsumo.Emulator.RequestLogging;

/// <summary>
/// One request on its way into the log (a request feature). The entry is written once, as the response starts, so
/// a client that asks for the log after it has seen a response always finds that response's entry.
/// </summary>
internal sealed class RequestRecord(RequestLog log, HttpContext context, DateTimeOffset time)
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private int _written;

    /// <summary>The fault the request drew, as the log names it.</summary>
    public string? Fault { get; set; }

    /// <summary>The status being sent.</summary>
    public int Status => context.Response.StatusCode;

    /// <summary>Writes the entry unless it was written already; status 0 means no response was sent.</summary>
    public void Write(int status)
    {
        if (Interlocked.Exchange(ref _written, 1) == 1) return;
        var request = context.Request;
        log.Add(new LoggedRequest
        {
            Time = time,
            Method = request.Method,
            Path = request.Path.Value ?? "",
            Query = request.QueryString.HasValue ? request.QueryString.Value![1..] : null,
            Status = status,
            Authorization = request.Headers.ContainsKey("Authorization"),
            RequestId = context.TraceIdentifier,
            Fault = Fault,
            DurationMs = Math.Round(Stopwatch.GetElapsedTime(_started).TotalMilliseconds, 3),
        });
    }
}
