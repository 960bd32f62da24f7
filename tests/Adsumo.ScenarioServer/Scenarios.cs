using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Adsumo.ScenarioServer;

/// <summary>
/// The scenarios: /&lt;name&gt;/api/v1/... behaves as the name says, /&lt;name&gt;/files/&lt;file&gt; serves (or fails to
/// serve) result files, /_scenario/requests is the log (GET) and empties it (DELETE), /_scenario/scenarios lists
/// the names.
/// </summary>
internal sealed class Scenarios(RequestLog log)
{
    private readonly ScriptedScenarios _scripts = new();

    private const string ApiMarker = "/api/v1";
    private const string Json = "application/json; charset=utf-8";

    /// <summary>Every API scenario, with what it does: GET /_scenario/scenarios shows this list.</summary>
    public static readonly IReadOnlyDictionary<string, string> Api = new Dictionary<string, string>
    {
        ["ok"] = "answers normally",
        ["invalid-json"] = "200 with a body that is not JSON",
        ["html-page"] = "502 with a proxy's HTML error page",
        ["html-200"] = "200 with an HTML page (a captive portal)",
        ["empty-200"] = "200 with an empty body",
        ["truncated"] = "200 whose body stops half way and the connection is cut",
        ["wrong-types"] = "200 where fields have the wrong JSON types",
        ["wrong-shape"] = "200 with an object where a list is expected, and a list where an object is",
        ["missing-fields"] = "200 with objects that lack their id",
        ["unknown-enum"] = "200 with a generation type and status the contract does not know",
        ["null-body"] = "200 with the JSON literal null",
        ["deep-json"] = "200 with JSON nested 10,000 deep",
        ["control-chars"] = "400 whose message carries terminal escape sequences",
        ["error-object"] = "400 with {\"error\":{code,message,param}}",
        ["error-string"] = "404 with {\"error\":\"text\"}",
        ["error-message"] = "409 with {\"message\":\"text\"}",
        ["error-text"] = "403 with a text/plain body",
        ["error-empty"] = "418 with no body at all",
        ["trickle"] = "200 whose body arrives one byte every 250 ms",
        ["huge"] = "200 with a 40 MB body, its length announced",
        ["huge-chunked"] = "200 with a 40 MB body, its length not announced",
        ["redirect-loop"] = "302 to itself, for ever",
        ["redirect-other-host"] = "307 to the same server under another host name (localhost)",
        ["redirect-same-host"] = "307 to the ok scenario on the same host",
        ["redirect-no-location"] = "302 without a Location",
        ["delete-200"] = "200 with a body to a DELETE (instead of 204)",
        ["slow"] = "answers after 30 s",
        ["retry-after-date"] = "429 with Retry-After as an HTTP date 2 s ahead on a request id's first try, then normal",
        ["retry-after-seconds"] = "429 with Retry-After: 1 on a request id's first try, then normal",
        ["retry-after-past-date"] = "429 with Retry-After as an HTTP date in the past on a request id's first try, then normal",
        ["retry-after-fraction"] = "429 with Retry-After: 0.5 (not whole seconds) on a request id's first try, then normal",
        ["retry-after-garbage"] = "429 with an unreadable Retry-After on a request id's first try, then normal",
        ["flaky-503"] = "503 on a request id's first two tries, then normal",
        ["always-503"] = "503 every time",
        ["always-429-30"] = "429 with Retry-After: 30 every time",
        ["reset-once"] = "cuts the connection on a request id's first try, then normal",
        ["credits-invalid"] = "not JSON, the credit balance included (so Connect-Adsumo fails)",
        ["paging-ignores-offset"] = "every page is the same full page, with no total",
        ["file-ok"] = "result files are served whole (256 KB)",
        ["file-slow"] = "result files start, then trickle one byte every 200 ms",
        ["file-cut"] = "result files stop half way and the connection is cut",
        ["file-500"] = "result files answer 500",
        ["file-403"] = "result files answer 403, as an expired presigned URL",
    };

    public async Task DispatchAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        if (path.StartsWith("/_scenario/", StringComparison.Ordinal))
        {
            await ControlAsync(context, path);
            return;
        }

        var slash = path.IndexOf('/', 1);
        var scenario = slash > 1 ? path[1..slash] : path.Trim('/');
        var rest = slash > 1 ? path[slash..] : "";
        var requestId = request.Headers["X-Request-Id"].FirstOrDefault();
        var entry = log.Add(request.Method, request.Host.Value ?? "", path, request.QueryString.HasValue ? request.QueryString.Value![1..] : null,
            scenario, request.Headers.ContainsKey("Authorization"), requestId);
        if (requestId is not null) context.Response.Headers["X-Request-Id"] = requestId;
        try
        {
            entry.BodyBytes = await CountBodyAsync(request, context.RequestAborted);
            if (_scripts.IsScript(scenario))
                await ScriptedAsync(context, scenario, rest);
            else if (rest.StartsWith(ApiMarker + "/", StringComparison.Ordinal))
                await ApiAsync(context, scenario, rest[ApiMarker.Length..], entry);
            else if (rest.StartsWith("/files/", StringComparison.Ordinal))
                await FileAsync(context, scenario, entry);
            else
                await WriteAsync(context, 404, NormalApi.Error("not_found", "Not a scenario path: use /<scenario>/api/v1/..."));
            entry.Finish(context.RequestAborted.IsCancellationRequested ? "aborted" : "done", context.Response.StatusCode);
        }
        catch (OperationCanceledException)
        {
            entry.Finish("aborted", 0);
        }
        catch (IOException)
        {
            entry.Finish("aborted", 0);
        }
    }

    private async Task ControlAsync(HttpContext context, string path)
    {
        switch (path, context.Request.Method)
        {
            case ("/_scenario/requests", "GET"):
                await WriteBytesAsync(context, 200, Json, log.ToJson());
                break;
            case ("/_scenario/requests", "DELETE"):
                log.Clear();
                context.Response.StatusCode = 204;
                break;
            case (var script, "PUT") when script.StartsWith(ScriptsPath, StringComparison.Ordinal):
                try
                {
                    _scripts.Put(script[ScriptsPath.Length..], await System.Text.Json.Nodes.JsonNode.ParseAsync(context.Request.Body));
                    context.Response.StatusCode = 204;
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.Text.Json.JsonException or FormatException)
                {
                    await WriteAsync(context, 400, NormalApi.Error("invalid_request", e.Message));
                }
                break;
            case (var script, "DELETE") when script.StartsWith(ScriptsPath, StringComparison.Ordinal):
                context.Response.StatusCode = _scripts.Remove(script[ScriptsPath.Length..]) ? 204 : 404;
                break;
            case ("/_scenario/scenarios", "GET"):
                var list = new JsonObject();
                foreach (var (name, what) in Api) list[name] = what;
                await WriteAsync(context, 200, list);
                break;
            default:
                await WriteAsync(context, 404, NormalApi.Error("not_found", "Unknown control path."));
                break;
        }
    }

    private const string ScriptsPath = "/_scenario/scripts/";

    /// <summary>A scenario a test wrote (see <see cref="ScriptedScenarios"/>): its rule's answer, or the normal one.</summary>
    private async Task ScriptedAsync(HttpContext context, string scenario, string rest)
    {
        var request = context.Request;
        var fileRoot = $"{request.Scheme}://{request.Host}/{scenario}/files";
        var answer = _scripts.Answer(scenario, request.Method, rest, request.QueryString.HasValue ? request.QueryString.Value![1..] : "", fileRoot)!;
        if (ReferenceEquals(answer, ScriptedAnswer.Normal))
        {
            if (rest.StartsWith(ApiMarker + "/", StringComparison.Ordinal))
            {
                var normal = NormalApi.For(request.Method, rest[ApiMarker.Length..], request.QueryString.HasValue ? request.QueryString.Value : null, fileRoot);
                await WriteAsync(context, normal.Status, normal.Body);
            }
            else
            {
                await WriteBytesAsync(context, 200, "video/mp4", FileBytes(NormalApi.FileBytes));
            }
            return;
        }
        if (answer.Delay > TimeSpan.Zero) await Task.Delay(answer.Delay, context.RequestAborted);
        foreach (var (name, value) in answer.Headers) context.Response.Headers[name] = value;
        if (answer.Text is null)
        {
            context.Response.StatusCode = answer.Status;
            return;
        }
        await WriteTextAsync(context, answer.Status, answer.ContentType ?? Json, answer.Text);
    }

    private static async Task ApiAsync(HttpContext context, string scenario, string apiPath, LoggedRequest entry)
    {
        var request = context.Request;
        var query = request.QueryString.HasValue ? request.QueryString.Value : null;
        var fileRoot = $"{request.Scheme}://{request.Host}/{scenario}/files";
        var normal = NormalApi.For(request.Method, apiPath, query, fileRoot);
        var cancel = context.RequestAborted;

        // The balance answers normally, so that Connect-Adsumo works, unless the scenario is about it.
        if (apiPath == "/account/credits" && scenario != "credits-invalid")
        {
            await WriteAsync(context, normal.Status, normal.Body);
            return;
        }

        switch (scenario)
        {
            case "ok":
            case var s when s.StartsWith("file-", StringComparison.Ordinal):
                await WriteAsync(context, normal.Status, normal.Body);
                break;
            case "invalid-json":
            case "credits-invalid":
                await WriteTextAsync(context, 200, Json, "{'id': 'single quotes are not JSON', data: [1, 2,]}");
                break;
            case "html-page":
                await WriteTextAsync(context, 502, "text/html; charset=utf-8",
                    "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr><p>nginx</p></body></html>");
                break;
            case "html-200":
                await WriteTextAsync(context, 200, "text/html; charset=utf-8",
                    "<html><head><title>Sign in to the hotel Wi-Fi</title></head><body><form>Room number: <input name=room></form></body></html>");
                break;
            case "empty-200":
                context.Response.StatusCode = 200;
                context.Response.ContentType = Json;
                context.Response.ContentLength = 0;
                break;
            case "truncated":
                await CutAsync(context, entry, 200, Json, Encoding.UTF8.GetBytes("{\"data\":[{\"id\":\"11111111-1111-4111-8111-111111111111\",\"name\":\"Sce"), 4000);
                break;
            case "wrong-types":
                await WriteAsync(context, normal.Status, WrongTypes(normal.Body));
                break;
            case "wrong-shape":
                await WriteAsync(context, 200, normal.Body switch
                {
                    JsonObject o when o["data"] is JsonArray => new JsonObject { ["data"] = new JsonObject { ["items"] = o["data"]!.DeepClone() } },
                    _ => new JsonArray(normal.Body?.DeepClone()),
                });
                break;
            case "missing-fields":
                await WriteAsync(context, normal.Status, WithoutIds(normal.Body));
                break;
            case "unknown-enum":
                await WriteAsync(context, normal.Status, UnknownEnums(normal.Body));
                break;
            case "null-body":
                await WriteTextAsync(context, 200, Json, "null");
                break;
            case "deep-json":
                await WriteTextAsync(context, 200, Json, new string('[', 10_000) + new string(']', 10_000));
                break;
            case "control-chars":
                await WriteAsync(context, 400, new JsonObject
                {
                    ["error"] = new JsonObject
                    {
                        ["code"] = "invalid_request",
                        ["message"] = "Bad \u001b[31mred\u001b[0m value\u0007 with \u001b]0;retitled\u0007 escapes",
                    },
                });
                break;
            case "error-object":
                await WriteAsync(context, 400, new JsonObject
                {
                    ["error"] = new JsonObject { ["code"] = "invalid_request", ["message"] = "Scenario says the name is wrong", ["param"] = "name" },
                });
                break;
            case "error-string":
                await WriteAsync(context, 404, new JsonObject { ["error"] = "Scenario says there is no such thing" });
                break;
            case "error-message":
                await WriteAsync(context, 409, new JsonObject { ["message"] = "Scenario says it is in use" });
                break;
            case "error-text":
                await WriteTextAsync(context, 403, "text/plain; charset=utf-8", "Scenario: forbidden by the corporate proxy");
                break;
            case "error-empty":
                context.Response.StatusCode = 418;
                context.Response.ContentLength = 0;
                break;
            case "trickle":
                await TrickleAsync(context, Encoding.UTF8.GetBytes("{\"data\":[],\"padding\":\""), 100_000, TimeSpan.FromMilliseconds(250), cancel);
                break;
            case "huge":
                await HugeAsync(context, announce: true, cancel);
                break;
            case "huge-chunked":
                await HugeAsync(context, announce: false, cancel);
                break;
            case "redirect-loop":
                Redirect(context, 302, request.Path + request.QueryString);
                break;
            case "redirect-other-host":
                Redirect(context, 307, $"http://localhost:{request.Host.Port}/landing{ApiMarker}{apiPath}{request.QueryString}");
                break;
            case "redirect-same-host":
                Redirect(context, 307, $"/ok{ApiMarker}{apiPath}{request.QueryString}");
                break;
            case "redirect-no-location":
                context.Response.StatusCode = 302;
                break;
            case "delete-200":
                await WriteAsync(context, request.Method == "DELETE" ? 200 : normal.Status,
                    request.Method == "DELETE" ? new JsonObject { ["deleted"] = true, ["id"] = apiPath.Split('/').Last() } : normal.Body);
                break;
            case "slow":
                await Task.Delay(TimeSpan.FromSeconds(30), cancel);
                await WriteAsync(context, normal.Status, normal.Body);
                break;
            case var name when entry.Attempt == 1 && RetryAfterValue(name) is { } retryAfter:
                context.Response.Headers.RetryAfter = retryAfter;
                await WriteAsync(context, 429, NormalApi.Error("rate_limited", $"Scenario: slow down (Retry-After: {retryAfter})"));
                break;
            case "flaky-503" when entry.Attempt <= 2:
            case "always-503":
                await WriteAsync(context, 503, NormalApi.Error("internal_error", "Scenario: the service is unavailable"));
                break;
            case "always-429-30":
                context.Response.Headers.RetryAfter = "30";
                await WriteAsync(context, 429, NormalApi.Error("rate_limited", "Scenario: come back in 30 s"));
                break;
            case "reset-once" when entry.Attempt == 1:
                entry.Cut = true;
                context.Abort();
                break;
            case var name when RetryAfterValue(name) is not null:
            case "flaky-503" or "reset-once":
                await WriteAsync(context, normal.Status, normal.Body);
                break;
            case "paging-ignores-offset":
                await WriteAsync(context, 200, IgnoringOffset(apiPath));
                break;
            default:
                await WriteAsync(context, 404, NormalApi.Error("not_found", $"No scenario '{scenario}': GET /_scenario/scenarios lists them."));
                break;
        }
    }

    /// <summary>The Retry-After each retry-after-* scenario sends on a request's first try; null for other scenarios.</summary>
    private static string? RetryAfterValue(string scenario) => scenario switch
    {
        "retry-after-date" => DateTimeOffset.UtcNow.AddSeconds(2).ToString("R", CultureInfo.InvariantCulture),
        "retry-after-past-date" => "Wed, 21 Oct 2015 07:28:00 GMT",
        "retry-after-fraction" => "0.5",
        "retry-after-garbage" => "soon, probably",
        "retry-after-seconds" => "1",
        _ => null,
    };

    private static async Task FileAsync(HttpContext context, string scenario, LoggedRequest entry)
    {
        var cancel = context.RequestAborted;
        switch (scenario)
        {
            case "file-slow":
                await TrickleAsync(context, new byte[64 * 1024], 64 * 1024 * 1024, TimeSpan.FromMilliseconds(200), cancel, "video/mp4");
                break;
            case "file-cut":
                await CutAsync(context, entry, 200, "video/mp4", FileBytes(NormalApi.FileBytes / 2), NormalApi.FileBytes);
                break;
            case "file-500":
                await WriteTextAsync(context, 500, "text/plain", "Scenario: the storage failed");
                break;
            case "file-403":
                await WriteTextAsync(context, 403, "application/xml", "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>");
                break;
            default:
                await WriteBytesAsync(context, 200, "video/mp4", FileBytes(NormalApi.FileBytes));
                break;
        }
    }

    /// <summary>A recognisable file body: byte i is i mod 251, so a test can tell a whole file from a cut one.</summary>
    private static byte[] FileBytes(int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++) bytes[i] = (byte)(i % 251);
        return bytes;
    }

    private static JsonNode? WrongTypes(JsonNode? body)
    {
        // Numbers as strings, strings as numbers and objects, dates that are not dates: a tolerant reader keeps going.
        void Break(JsonObject o)
        {
            if (o.ContainsKey("name")) o["name"] = 42;
            if (o.ContainsKey("price")) o["price"] = "12.50";
            if (o.ContainsKey("currency")) o["currency"] = new JsonObject { ["code"] = "USD" };
            if (o.ContainsKey("created_at")) o["created_at"] = 1_700_000_000;
            if (o.ContainsKey("status")) o["status"] = new JsonArray("completed");
            if (o.ContainsKey("credits_remaining")) o["credits_remaining"] = "600";
            if (o.ContainsKey("details")) o["details"] = "not an object";
        }
        var copy = body?.DeepClone();
        if (copy is JsonObject { } root && root["data"] is JsonArray items)
        {
            foreach (var item in items.OfType<JsonObject>()) Break(item);
            if (root["pagination"] is JsonObject pagination) pagination["total"] = "three";
        }
        else if (copy is JsonObject single)
        {
            Break(single);
        }
        return copy;
    }

    private static JsonNode? WithoutIds(JsonNode? body)
    {
        var copy = body?.DeepClone();
        if (copy is JsonObject root && root["data"] is JsonArray items)
        {
            foreach (var item in items.OfType<JsonObject>()) item.Remove("id");
        }
        else if (copy is JsonObject single)
        {
            single.Remove("id");
            single.Remove("generation_id");
            single.Remove("credits_used");
            single.Remove("credits_limit");
            single.Remove("credits_remaining");
        }
        return copy;
    }

    private static JsonNode? UnknownEnums(JsonNode? body)
    {
        void Change(JsonObject o)
        {
            if (o.ContainsKey("type")) o["type"] = "hologram";
            if (o.ContainsKey("status")) o["status"] = "queued-for-review";
            if (o.ContainsKey("gender")) o["gender"] = "robot";
            o["brand_new_field"] = new JsonObject { ["nested"] = true };
        }
        var copy = body?.DeepClone();
        if (copy is JsonObject root && root["data"] is JsonArray items)
        {
            foreach (var item in items.OfType<JsonObject>()) Change(item);
        }
        else if (copy is JsonObject single)
        {
            Change(single);
        }
        return copy;
    }

    private static JsonNode IgnoringOffset(string apiPath)
    {
        // The same 100 items whatever the offset, and no total: a client that trusts full pages never ends.
        var items = Enumerable.Range(1, 100)
            .Select(i => (JsonNode)NormalApi.Product($"aaaaaaaa-aaaa-4aaa-8aaa-{i.ToString("D12", CultureInfo.InvariantCulture)}", i))
            .ToArray();
        _ = apiPath;
        return new JsonObject { ["data"] = new JsonArray(items) };
    }

    private static async Task<int> CountBodyAsync(HttpRequest request, CancellationToken cancel)
    {
        var buffer = new byte[16 * 1024];
        var total = 0;
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancel)) > 0) total += read;
        return total;
    }

    private static void Redirect(HttpContext context, int status, string location)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.Location = location;
    }

    private static Task WriteAsync(HttpContext context, int status, JsonNode? body)
    {
        if (body is null)
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        return WriteTextAsync(context, status, Json, body.ToJsonString());
    }

    private static Task WriteTextAsync(HttpContext context, int status, string contentType, string text) =>
        WriteBytesAsync(context, status, contentType, Encoding.UTF8.GetBytes(text));

    private static async Task WriteBytesAsync(HttpContext context, int status, string contentType, byte[] bytes)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    /// <summary>Announces <paramref name="announced"/> bytes, sends only <paramref name="sent"/>, and cuts the connection.</summary>
    private static async Task CutAsync(HttpContext context, LoggedRequest entry, int status, string contentType, byte[] sent, int announced)
    {
        entry.Cut = true;
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = announced;
        await context.Response.Body.WriteAsync(sent, context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        context.Abort();
    }

    /// <summary>Sends <paramref name="start"/> at once, then one byte per <paramref name="every"/> up to <paramref name="announced"/>.</summary>
    private static async Task TrickleAsync(HttpContext context, byte[] start, long announced, TimeSpan every, CancellationToken cancel, string contentType = Json)
    {
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = contentType;
        response.ContentLength = announced;
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.Body.WriteAsync(start, cancel);
        await response.Body.FlushAsync(cancel);
        var one = new[] { (byte)'x' };
        for (var sent = (long)start.Length; sent < announced; sent++)
        {
            await Task.Delay(every, cancel);
            await response.Body.WriteAsync(one, cancel);
            await response.Body.FlushAsync(cancel);
        }
    }

    private static async Task HugeAsync(HttpContext context, bool announce, CancellationToken cancel)
    {
        const int Size = 40 * 1024 * 1024;
        var head = Encoding.UTF8.GetBytes("{\"data\":[],\"padding\":\"");
        var tail = Encoding.UTF8.GetBytes("\"}");
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = Json;
        if (announce) response.ContentLength = Size;
        await response.Body.WriteAsync(head, cancel);
        var chunk = Enumerable.Repeat((byte)'x', 64 * 1024).ToArray();
        var remaining = Size - head.Length - tail.Length;
        while (remaining > 0)
        {
            var count = Math.Min(remaining, chunk.Length);
            await response.Body.WriteAsync(chunk.AsMemory(0, count), cancel);
            remaining -= count;
        }
        await response.Body.WriteAsync(tail, cancel);
    }
}
