using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using System.Threading;

namespace Adsumo.ScenarioServer;

/// <summary>One request: added when it arrives (state in_flight), finished when it ends (done or aborted).</summary>
internal sealed class LoggedRequest
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();

    public long Seq { get; init; }

    /// <summary>When it arrived, in milliseconds since the server started: tests measure the waits between tries.</summary>
    public double TimeMs { get; init; }

    public required string Method { get; init; }

    public required string Host { get; init; }

    public required string Path { get; init; }

    public string? Query { get; init; }

    public required string Scenario { get; init; }

    /// <summary>Whether an Authorization header came; its value is never kept.</summary>
    public bool Authorization { get; init; }

    /// <summary>The client's X-Request-Id, which must be the same on every try of one request.</summary>
    public string? RequestId { get; init; }

    /// <summary>The try of this request id this was, counted by the server.</summary>
    public int Attempt { get; init; }

    public int BodyBytes { get; set; }

    public volatile string State = "in_flight";

    public int Status { get; set; }

    public double DurationMs { get; private set; }

    /// <summary>Set when the scenario cut the connection on purpose.</summary>
    public bool Cut { get; set; }

    public void Finish(string state, int status)
    {
        if (Cut) state = "cut";
        DurationMs = Math.Round(_watch.Elapsed.TotalMilliseconds, 1);
        Status = status;
        State = state;
    }
}

internal sealed class RequestLog
{
    private readonly Lock _sync = new();
    private readonly List<LoggedRequest> _entries = [];
    private readonly Dictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _nextSeq = 1;

    public LoggedRequest Add(string method, string host, string path, string? query, string scenario, bool authorization, string? requestId)
    {
        lock (_sync)
        {
            var attempt = 1;
            if (requestId is not null)
            {
                var key = scenario + "\n" + requestId;
                _attempts.TryGetValue(key, out var seen);
                attempt = seen + 1;
                _attempts[key] = attempt;
            }
            var entry = new LoggedRequest
            {
                Seq = _nextSeq++,
                TimeMs = Math.Round(_clock.Elapsed.TotalMilliseconds, 1),
                Method = method,
                Host = host,
                Path = path,
                Query = query,
                Scenario = scenario,
                Authorization = authorization,
                RequestId = requestId,
                Attempt = attempt,
            };
            _entries.Add(entry);
            return entry;
        }
    }

    public void Clear()
    {
        lock (_sync)
        {
            _entries.Clear();
            _attempts.Clear();
        }
    }

    public byte[] ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("data");
            lock (_sync)
            {
                foreach (var e in _entries)
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("seq", e.Seq);
                    writer.WriteNumber("time_ms", e.TimeMs);
                    writer.WriteString("method", e.Method);
                    writer.WriteString("host", e.Host);
                    writer.WriteString("path", e.Path);
                    if (e.Query is null) writer.WriteNull("query"); else writer.WriteString("query", e.Query);
                    writer.WriteString("scenario", e.Scenario);
                    writer.WriteBoolean("authorization", e.Authorization);
                    if (e.RequestId is null) writer.WriteNull("request_id"); else writer.WriteString("request_id", e.RequestId);
                    writer.WriteNumber("attempt", e.Attempt);
                    writer.WriteNumber("body_bytes", e.BodyBytes);
                    writer.WriteString("state", e.State);
                    writer.WriteNumber("status", e.Status);
                    writer.WriteNumber("duration_ms", e.DurationMs);
                    writer.WriteEndObject();
                }
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return stream.ToArray();
    }
}
