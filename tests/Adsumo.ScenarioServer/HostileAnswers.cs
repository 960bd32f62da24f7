using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;

namespace Adsumo.ScenarioServer;

/// <summary>
/// Answers a hostile (or badly broken) service could give to turn the module against its user: ids and types that
/// climb out of a folder, terminal escapes, URLs that are not http, absurd Retry-After values, totals that lie. Each
/// scenario breaks one value of a normal answer; tests/Pester/HostileAnswers.Tests.ps1 runs each through the cmdlets.
/// </summary>
internal static class HostileAnswers
{
    private const string Escapes = "\u001b[2J\u001b]0;owned\u0007";

    /// <summary>One changed answer: its status, its body, and a Retry-After header when it sends one.</summary>
    public readonly record struct Answer(int Status, JsonNode? Body, string? RetryAfter = null);

    // Scenarios that change one field of every generation or voiceover in a normal answer (objects with a status).
    private static readonly Dictionary<string, (string What, Action<JsonObject, string> Change)> Fields = new()
    {
        ["gen-id-dotdot"] = ("generations whose id climbs out of a folder: x/../../../escaped", (g, _) => g["id"] = "x/../../../escaped"),
        ["gen-id-backslash"] = ("generations whose id climbs out with backslashes", (g, _) => g["id"] = @"..\..\..\escaped"),
        ["gen-id-rooted"] = ("generations whose id is an absolute path", (g, _) => g["id"] = "/tmp/adsumo-escaped"),
        ["gen-id-other"] = ("generations that answer with another generation's (valid) id", (g, _) => g["id"] = NormalApi.OtherGenerationId),
        ["gen-id-escapes"] = ("generations whose id carries terminal escapes", (g, _) => g["id"] = Escapes + NormalApi.GenerationId),
        ["gen-type-dotdot"] = ("generations whose type climbs out of a folder: ../../../escaped", (g, _) => g["type"] = "../../../escaped"),
        ["gen-type-escapes"] = ("generations whose type carries escapes and a right-to-left override", (g, _) => g["type"] = "\u001b[2Jima\u202Ege\u0007"),
        ["gen-type-device"] = ("generations whose type is a Windows device name", (g, _) => g["type"] = "CON"),
        ["gen-type-long"] = ("generations whose type is 10,000 characters long", (g, _) => g["type"] = new string('t', 10_000)),
        ["gen-type-dots"] = ("generations whose type is only dots and slashes", (g, _) => g["type"] = "../.."),
        ["gen-failed-escapes"] = ("failed generations whose type and reason carry terminal escapes", (g, _) =>
        {
            g["status"] = "failed";
            g["result_url"] = null;
            g["type"] = "\u001b[31mimage\u202E";
            g["error_message"] = "Refused " + Escapes + " by \u202Epolicy\u0007";
        }),
        ["gen-status-escapes"] = ("generations whose status (one the module does not know) carries escapes", (g, _) =>
        {
            g["status"] = "\u001b[31mrendering\u001b[0m\u202E";
            g["result_url"] = null;
        }),
        ["url-relative"] = ("result and audio URLs that are relative", (g, _) => SetUrl(g, "/files/result.mp4")),
        ["url-file"] = ("result and audio URLs on file:", (g, _) => SetUrl(g, "file:///etc/passwd")),
        ["url-ftp"] = ("result and audio URLs on ftp:", (g, _) => SetUrl(g, "ftp://127.0.0.1/result.mp4")),
        ["url-redirect-file"] = ("result and audio URLs whose file host redirects to file:", (g, root) => SetUrl(g, root + "/result.mp4")),
        ["url-redirect-ftp"] = ("result and audio URLs whose file host redirects to ftp:", (g, root) => SetUrl(g, root + "/result.mp4")),
    };

    // Scenarios that answer every API request (but the balance) 429 with a Retry-After no one should wait for.
    private static readonly Dictionary<string, string> AbsurdRetryAfter = new()
    {
        ["retry-after-1e300"] = "1e300",
        ["retry-after-huge-int"] = "99999999999",
        ["retry-after-year-9999"] = "Fri, 31 Dec 9999 23:59:59 GMT",
    };

    // Scenarios that answer a request's first try 429 with an unreadable Retry-After, then normally.
    private static readonly Dictionary<string, string> UnreadableRetryAfter = new()
    {
        ["retry-after-negative"] = "-5",
        ["retry-after-nan"] = "NaN",
        ["retry-after-infinity"] = "Infinity",
    };

    private static readonly Dictionary<string, string> Paging = new()
    {
        ["total-alternating"] = "a list of 250 products whose total alternates between 250 and 249 on every request",
        ["total-negative"] = "a list of products whose total is -5",
        ["total-huge-repeating"] = "the same page of 100 products whose total says 10^15, whatever the offset",
        ["avatars-repeating"] = "GET /avatars answers the same page of 100 avatars with a total of 10^12, whatever the offset",
    };

    private static readonly Dictionary<string, string> Files = new()
    {
        ["file-retry-after-1e300"] = "result files answer 429 with Retry-After: 1e300",
    };

    private static int _alternation;

    /// <summary>Every hostile scenario, with what it does.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Described =>
        Fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value.What))
            .Concat(AbsurdRetryAfter.Select(r => new KeyValuePair<string, string>(r.Key, $"429 with Retry-After: {r.Value} every time")))
            .Concat(UnreadableRetryAfter.Select(r => new KeyValuePair<string, string>(r.Key, $"429 with Retry-After: {r.Value} on a request id's first try, then normal")))
            .Concat(Paging)
            .Concat(Files);

    /// <summary>The answer of a hostile scenario to an API request; null when the scenario is not one of these.</summary>
    public static Answer? ForApi(string scenario, string apiPath, string? query, int attempt, NormalApi.Answer normal, string fileRoot)
    {
        if (Fields.TryGetValue(scenario, out var field)) return new Answer(normal.Status, Changed(normal.Body, field.Change, fileRoot));
        if (AbsurdRetryAfter.TryGetValue(scenario, out var absurd))
            return new Answer(429, NormalApi.Error("rate_limited", "Scenario: come back much later"), absurd);
        if (UnreadableRetryAfter.TryGetValue(scenario, out var unreadable))
        {
            return attempt == 1
                ? new Answer(429, NormalApi.Error("rate_limited", "Scenario: come back at some time"), unreadable)
                : new Answer(normal.Status, normal.Body);
        }
        return scenario switch
        {
            "total-alternating" when apiPath == "/products" => new Answer(200, Alternating(query)),
            "total-negative" when apiPath == "/products" => new Answer(200, WithTotal(normal.Body, -5)),
            "total-huge-repeating" when apiPath == "/products" => new Answer(200, SamePage(i => NormalApi.Product(IdOf(i), i), 1_000_000_000_000_000)),
            "avatars-repeating" when apiPath == "/avatars" => new Answer(200, SamePage(Avatar, 1_000_000_000_000)),
            _ when Paging.ContainsKey(scenario) => new Answer(normal.Status, normal.Body),
            _ when Files.ContainsKey(scenario) => new Answer(normal.Status, normal.Body),
            _ => null,
        };
    }

    /// <summary>The answer of a hostile scenario to a result file request; null when it serves the file normally.</summary>
    public static (int Status, string? Location, string? RetryAfter)? ForFile(string scenario) => scenario switch
    {
        "url-redirect-file" => (302, "file:///etc/passwd", null),
        "url-redirect-ftp" => (302, "ftp://127.0.0.1/result.mp4", null),
        "file-retry-after-1e300" => (429, null, "1e300"),
        _ => null,
    };

    private static void SetUrl(JsonObject o, string url)
    {
        if (o.ContainsKey("result_url")) o["result_url"] = url;
        if (o.ContainsKey("audio_url")) o["audio_url"] = url;
    }

    private static JsonNode? Changed(JsonNode? body, Action<JsonObject, string> change, string fileRoot)
    {
        var copy = body?.DeepClone();
        var objects = copy switch
        {
            JsonObject { } root when root["data"] is JsonArray items => items.OfType<JsonObject>(),
            JsonObject single => [single],
            _ => [],
        };
        foreach (var o in objects.Where(o => o.ContainsKey("status"))) change(o, fileRoot);
        return copy;
    }

    private static string IdOf(int i) => $"bbbbbbbb-bbbb-4bbb-8bbb-{i.ToString("D12", CultureInfo.InvariantCulture)}";

    private static JsonObject Alternating(string? query)
    {
        var items = Enumerable.Range(1, 250).Select(i => (JsonNode)NormalApi.Product(IdOf(i), i)).ToArray();
        var page = NormalApi.Page(items, query);
        page["pagination"]!["total"] = Interlocked.Increment(ref _alternation) % 2 == 1 ? 250 : 249;
        return page;
    }

    private static JsonNode? WithTotal(JsonNode? body, long total)
    {
        var copy = body?.DeepClone();
        if (copy is JsonObject { } root && root["pagination"] is JsonObject pagination) pagination["total"] = total;
        return copy;
    }

    private static JsonObject SamePage(Func<int, JsonObject> item, long total) => new()
    {
        ["data"] = new JsonArray(Enumerable.Range(1, 100).Select(i => (JsonNode)item(i)).ToArray()),
        ["pagination"] = new JsonObject { ["total"] = total },
    };

    private static JsonObject Avatar(int i) => new()
    {
        ["id"] = IdOf(i),
        ["name"] = "Scenario avatar " + i.ToString(CultureInfo.InvariantCulture),
        ["gender"] = "female",
        ["age_group"] = "adult",
    };
}
