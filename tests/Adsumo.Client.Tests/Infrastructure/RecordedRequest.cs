using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Adsumo.Client.Tests.Infrastructure;

/// <summary>What one request looked like when it reached a <see cref="ScenarioServer"/>.</summary>
public sealed class RecordedRequest
{
    public RecordedRequest(int index, string method, string path, string rawTarget, string query, IReadOnlyDictionary<string, string> headers, string body, TimeSpan arrivedAt)
    {
        Index = index;
        Method = method;
        Path = path;
        RawTarget = rawTarget;
        Query = query;
        Headers = headers;
        Body = body;
        ArrivedAt = arrivedAt;
    }

    /// <summary>0 for the first request the server received.</summary>
    public int Index { get; }

    public string Method { get; }

    /// <summary>The decoded path, as routing would see it.</summary>
    public string Path { get; }

    /// <summary>The request target exactly as sent on the wire.</summary>
    public string RawTarget { get; }

    /// <summary>The query string with its leading '?', or empty.</summary>
    public string Query { get; }

    /// <summary>Header values joined with ", ", names case-insensitive.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    public string Body { get; }

    /// <summary>When it arrived, on the server's own clock, so that gaps between attempts can be measured.</summary>
    public TimeSpan ArrivedAt { get; }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>One query parameter's values; more than one means the client repeated or mangled it.</summary>
    public string[] QueryValues(string name) =>
        QueryHelpers.ParseQuery(Query).TryGetValue(name, out StringValues values) ? values.Select(v => v ?? "").ToArray() : [];

    public string? QueryValue(string name) => QueryValues(name) is { Length: 1 } one ? one[0] : null;

    public override string ToString() => $"{Method} {RawTarget}";
}
