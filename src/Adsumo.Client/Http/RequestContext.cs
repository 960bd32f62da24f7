using System;
using System.Net.Http;
using System.Net.Http.Headers;

namespace Adsumo.Client.Http;

/// <summary>What the retry handler needs to know about one logical request; it travels in the request's properties.</summary>
internal sealed class RequestContext
{
    private const string Key = "Adsumo.RequestContext";

    public RequestContext(string requestId, RetrySafety safety, ConnectionSettings settings, ICallLog log, byte[]? body)
    {
        RequestId = requestId;
        Safety = safety;
        Settings = settings;
        Log = log;
        Body = body;
    }

    public string RequestId { get; }

    public RetrySafety Safety { get; }

    public ConnectionSettings Settings { get; }

    public ICallLog Log { get; }

    /// <summary>The body bytes, so that every attempt sends a fresh copy.</summary>
    public byte[]? Body { get; }

    /// <summary>The body as the content of one attempt: each attempt needs its own, as a sent content is disposed.</summary>
    public HttpContent? NewContent()
    {
        if (Body is null) return null;
        var content = new ByteArrayContent(Body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    /// <summary>How many attempts were made so far.</summary>
    public int Attempts { get; set; }

    /// <summary>The request id the service answered with, when it did.</summary>
    public string? ServerRequestId { get; set; }

    public void AttachTo(HttpRequestMessage request) => request.Properties[Key] = this;

    public static RequestContext? From(HttpRequestMessage request) =>
        request.Properties.TryGetValue(Key, out var value) ? value as RequestContext : null;

    /// <summary>A short form of the request for messages: method and path, never headers.</summary>
    public static string Describe(HttpRequestMessage request) =>
        request.Method.Method + " " + (request.RequestUri is { IsAbsoluteUri: true } uri ? uri.PathAndQuery : request.RequestUri?.ToString());

    public static string FormatSeconds(TimeSpan span) =>
        span.TotalSeconds < 10 ? span.TotalSeconds.ToString("0.0#", System.Globalization.CultureInfo.InvariantCulture) + " s"
                               : Math.Round(span.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture) + " s";
}
