using System;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Adsumo.Client.Http;

/// <summary>
/// Turns an unsuccessful answer into an <see cref="AdsumoException"/>: the kind from the status, and the message
/// from whichever error shape the body has ({"error":{code,message,param}}, {"error":"text"}, {"message":"text"},
/// or a non-JSON page from a proxy).
/// </summary>
internal static class ErrorMapper
{
    private static readonly Regex HtmlTitle = new("<title[^>]*>(?<t>.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline);
    private static readonly Regex HtmlTags = new("<[^>]+>", RegexOptions.Singleline);

    public static AdsumoException FromResponse(HttpResponseMessage response, byte[] body, string described, RequestContext context)
    {
        var status = (int)response.StatusCode;
        var (code, message, param) = ReadBody(body, response.Content?.Headers.ContentType?.MediaType);
        var kind = KindOf(status, code);
        var requestId = context.ServerRequestId ?? context.RequestId;
        var text = new StringBuilder();
        text.Append(string.IsNullOrEmpty(message) ? DefaultMessage(kind, status, response.ReasonPhrase) : message);
        if (!text.ToString().EndsWith(".", StringComparison.Ordinal)) text.Append('.');
        text.Append(" (").Append(described).Append(": ").Append(status);
        if (!string.IsNullOrEmpty(code)) text.Append(' ').Append(code);
        if (!string.IsNullOrEmpty(param)) text.Append(", param ").Append(param);
        if (context.Attempts > 1) text.Append(", after ").Append(context.Attempts).Append(" attempts");
        text.Append(", request ").Append(requestId).Append(')');
        if (context.Safety == RetrySafety.OnlyIfNotProcessed && status is 408 or (>= 500 and < 600))
        {
            // A creation is not resent after an answer like this one, which the service may give after acting.
            text.Append(" It was not sent again because the service may have acted on it: check before trying again.");
        }
        double? retryAfter = RetryPolicy.ReadRetryAfter(response, DateTimeOffset.UtcNow)?.TotalSeconds;
        return new AdsumoException(kind, text.ToString())
        {
            StatusCode = status,
            ErrorCode = code,
            Param = param,
            RequestId = requestId,
            Attempts = context.Attempts,
            RetryAfterSeconds = retryAfter,
        };
    }

    public static AdsumoErrorKind KindOf(int status, string? code) => status switch
    {
        400 or 422 => AdsumoErrorKind.InvalidRequest,
        401 => AdsumoErrorKind.Unauthorized,
        402 => AdsumoErrorKind.InsufficientCredits,
        403 => AdsumoErrorKind.Forbidden,
        404 or 410 => AdsumoErrorKind.NotFound,
        409 => AdsumoErrorKind.Conflict,
        429 => AdsumoErrorKind.RateLimited,
        >= 500 and < 600 => AdsumoErrorKind.ServerError,
        _ => code switch
        {
            "invalid_request" => AdsumoErrorKind.InvalidRequest,
            "unauthorized" => AdsumoErrorKind.Unauthorized,
            "forbidden" => AdsumoErrorKind.Forbidden,
            "insufficient_credits" => AdsumoErrorKind.InsufficientCredits,
            "not_found" => AdsumoErrorKind.NotFound,
            "conflict" => AdsumoErrorKind.Conflict,
            "rate_limited" => AdsumoErrorKind.RateLimited,
            _ => AdsumoErrorKind.HttpError,
        },
    };

    private static string DefaultMessage(AdsumoErrorKind kind, int status, string? reason) => kind switch
    {
        AdsumoErrorKind.Unauthorized => "The API key was refused",
        AdsumoErrorKind.Forbidden => "The team may not do this (API access needs the Starter tier or higher)",
        AdsumoErrorKind.InsufficientCredits => "The team has too few credits left",
        AdsumoErrorKind.NotFound => "Not found",
        AdsumoErrorKind.RateLimited => "Too many requests",
        _ => $"The service answered {status} {SafeText.Line(reason, 80)}".TrimEnd(),
    };

    private static string? Short(string? value) => value is null ? null : SafeText.Line(value, 80);

    private static (string? Code, string? Message, string? Param) ReadBody(byte[] body, string? mediaType)
    {
        if (body.Length == 0) return (null, null, null);
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("error", out var error))
                {
                    if (error.ValueKind == JsonValueKind.Object)
                    {
                        return (Short(Wire.String(error, "code")), SafeText.Line(Wire.String(error, "message")), Short(Wire.String(error, "param")));
                    }
                    if (error.ValueKind == JsonValueKind.String) return (null, SafeText.Line(error.GetString()), null);
                }
                var message = Wire.String(root, "message") ?? Wire.String(root, "detail") ?? Wire.String(root, "title");
                if (message is not null) return (Short(Wire.String(root, "code")), SafeText.Line(message), Short(Wire.String(root, "param")));
            }
            return (null, null, null);
        }
        catch (JsonException)
        {
            var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 64 * 1024));
            var title = HtmlTitle.Match(text);
            var plain = title.Success ? title.Groups["t"].Value : HtmlTags.Replace(text, " ");
            var kind = mediaType is { Length: > 0 } ? mediaType : "non-JSON";
            var summary = SafeText.Line(plain, 200);
            return (null, summary.Length == 0 ? null : $"The service answered with a {kind} page: {summary}", null);
        }
    }
}
