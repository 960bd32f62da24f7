using System.Text.Json;

namespace Adsumo.Client.Http;

/// <summary>A successful answer: its status, body, the request id and how many attempts it took.</summary>
public sealed class ApiResponse
{
    internal ApiResponse(int statusCode, byte[] body, string requestId, int attempts, string? contentType)
    {
        StatusCode = statusCode;
        Body = body;
        RequestId = requestId;
        Attempts = attempts;
        ContentType = contentType;
    }

    public int StatusCode { get; }

    public byte[] Body { get; }

    public string RequestId { get; }

    public int Attempts { get; }

    public string? ContentType { get; }

    /// <summary>Parses the body as JSON, or fails with a clear InvalidResponse error.</summary>
    public JsonDocument Json(string described)
    {
        if (Body.Length == 0)
        {
            throw new Adsumo.AdsumoException(Adsumo.AdsumoErrorKind.InvalidResponse,
                $"The service's answer could not be read: {described} answered {StatusCode} with an empty body where JSON was expected (request {RequestId}).")
            {
                StatusCode = StatusCode,
                RequestId = RequestId,
                Attempts = Attempts,
            };
        }
        try
        {
            return JsonDocument.Parse(Body);
        }
        catch (JsonException e)
        {
            var kind = ContentType is { Length: > 0 } ? ContentType : "unknown content";
            throw new Adsumo.AdsumoException(Adsumo.AdsumoErrorKind.InvalidResponse,
                $"The service's answer to {described} is not valid JSON ({kind}, {Body.Length} bytes: {SafeText.Line(e.Message, 160)}) (request {RequestId}).", e)
            {
                StatusCode = StatusCode,
                RequestId = RequestId,
                Attempts = Attempts,
            };
        }
    }
}
