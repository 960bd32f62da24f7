using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;

namespace Adsumo.Emulator.Tests.Infrastructure;

/// <summary>A whole answer, read at once, with helpers for the contract's JSON and error envelope.</summary>
public sealed class ApiResponse
{
    private readonly Dictionary<string, string> _headers;
    private JsonElement? _json;

    private ApiResponse(HttpStatusCode status, byte[] bytes, Dictionary<string, string> headers)
    {
        Status = status;
        Bytes = bytes;
        _headers = headers;
    }

    public HttpStatusCode Status { get; }

    public int Code => (int)Status;

    public byte[] Bytes { get; }

    public string Body => Encoding.UTF8.GetString(Bytes);

    public JsonElement Json => _json ??= JsonDocument.Parse(Bytes).RootElement.Clone();

    public string ErrorCode => Json.GetProperty("error").GetProperty("code").GetString()!;

    public string ErrorMessage => Json.GetProperty("error").GetProperty("message").GetString()!;

    public string? ErrorParam =>
        Json.GetProperty("error").TryGetProperty("param", out var param) ? param.GetString() : null;

    public string? Header(string name) => _headers.GetValueOrDefault(name.ToLowerInvariant());

    public string RequestId => Header("X-Request-Id") ?? throw new InvalidOperationException("No X-Request-Id.");

    public static ApiResponse From(HttpResponseMessage response, byte[] bytes)
    {
        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value));
        return new ApiResponse(response.StatusCode, bytes, headers);
    }

    public override string ToString() => $"{Code} {Body}";
}
