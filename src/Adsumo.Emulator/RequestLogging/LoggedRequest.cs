using System;
using System.Text.Json.Serialization;
using Adsumo.Emulator.Json;

namespace Adsumo.Emulator.RequestLogging;

/// <summary>
/// One request as <c>GET /_emulator/requests</c> shows it. Whether an Authorization header was sent is kept,
/// never its value.
/// </summary>
internal sealed class LoggedRequest
{
    public long Seq { get; set; }

    [JsonConverter(typeof(UtcMillisecondsConverter))]
    public DateTimeOffset Time { get; init; }

    public required string Method { get; init; }

    public required string Path { get; init; }

    public string? Query { get; init; }

    /// <summary>0 when the connection was cut before a response.</summary>
    public int Status { get; init; }

    public bool Authorization { get; init; }

    public required string RequestId { get; init; }

    public string? Fault { get; init; }

    public double DurationMs { get; init; }
}
