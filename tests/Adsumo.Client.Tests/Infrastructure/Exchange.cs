using System;
using System.Collections.Generic;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Adsumo.Client.Tests.Infrastructure;

/// <summary>One request being answered by a test's handler: what came in, and ways to answer (or not).</summary>
public sealed class Exchange
{
    public Exchange(HttpContext context, RecordedRequest request)
    {
        Context = context;
        Request = request;
    }

    public HttpContext Context { get; }

    public RecordedRequest Request { get; }

    /// <summary>0 for the first request the server received: handlers script "fail, then succeed" with it.</summary>
    public int Index => Request.Index;

    public Task Json(int status, string json, params (string Name, string Value)[] headers) =>
        Send(status, "application/json; charset=utf-8", json, headers);

    public async Task Send(int status, string? contentType, string body, params (string Name, string Value)[] headers)
    {
        Context.Response.StatusCode = status;
        foreach (var (name, value) in headers) Context.Response.Headers.Append(name, value);
        if (contentType is not null) Context.Response.ContentType = contentType;
        var bytes = Encoding.UTF8.GetBytes(body);
        if (bytes.Length > 0)
        {
            Context.Response.ContentLength = bytes.Length;
            await Context.Response.Body.WriteAsync(bytes);
        }
    }

    public Task Status(int status, params (string Name, string Value)[] headers) => Send(status, null, "", headers);

    /// <summary>Drops the connection without an answer: the client sees a reset.</summary>
    public void Abort() => Context.Abort();

    /// <summary>Waits, ending early (without throwing) when the client goes away, so handlers never outlive a test by much.</summary>
    public async Task Delay(TimeSpan span)
    {
        try
        {
            await Task.Delay(span, Context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Sends the headers and then the body one small piece at a time, as a stalled proxy would.</summary>
    public async Task Trickle(int status, byte[] body, int pieceSize, TimeSpan gap, long? declaredLength = null)
    {
        Context.Response.StatusCode = status;
        Context.Response.ContentLength = declaredLength ?? body.Length;
        await Context.Response.StartAsync();
        try
        {
            for (var i = 0; i < body.Length; i += pieceSize)
            {
                await Context.Response.Body.WriteAsync(body.AsMemory(i, Math.Min(pieceSize, body.Length - i)), Context.RequestAborted);
                await Context.Response.Body.FlushAsync(Context.RequestAborted);
                await Task.Delay(gap, Context.RequestAborted);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or System.IO.IOException or InvalidOperationException)
        {
            // The client gave up, which is what these tests want it to do.
        }
    }

    internal static IReadOnlyDictionary<string, string> HeadersOf(HttpRequest request)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers) headers[header.Key] = header.Value.ToString();
        return headers;
    }
}
