using System;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace Adsumo.ScenarioServer;

/// <summary>
/// What a well-behaved Adsumo API would answer, in just enough detail for the module's cmdlets to work: the
/// scenarios start from these answers and break them. Fixed ids, so that tests can name them.
/// </summary>
internal static class NormalApi
{
    public static readonly string[] ProductIds =
    [
        "11111111-1111-4111-8111-111111111111",
        "22222222-2222-4222-8222-222222222222",
        "33333333-3333-4333-8333-333333333333",
    ];

    public const string GenerationId = "44444444-4444-4444-8444-444444444444";
    public const string Created = "2026-01-15T12:00:00Z";

    /// <summary>The size of a result file in the file scenarios that serve one whole.</summary>
    public const int FileBytes = 256 * 1024;

    /// <summary>A status and a JSON body (null for none).</summary>
    public readonly record struct Answer(int Status, JsonNode? Body);

    public static Answer For(string method, string path, string? query, string fileRoot)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var get = method is "GET" or "HEAD";
        switch (segments)
        {
            case ["account", "credits"] when get:
                return new(200, Credits());
            case ["products"] when get:
                return new(200, Page(ProductIds.Select((id, i) => (JsonNode)Product(id, i + 1)).ToArray(), query));
            case ["products"] when method == "POST":
                return new(201, Product(Guid.NewGuid().ToString("D"), 9));
            case ["products", var id] when get:
                var index = Array.IndexOf(ProductIds, id);
                return index < 0 ? NotFound($"No product {id}.") : new(200, Product(id, index + 1));
            case ["products", _] when method == "DELETE":
            case ["avatars", "custom", _] when method == "DELETE":
                return new(204, null);
            case ["avatars"] when get:
                return new(200, new JsonObject { ["data"] = new JsonArray() });
            case ["avatars", "custom"] when get:
                return new(200, new JsonArray());
            case ["generations"] when get:
                return new(200, Page([Generation(GenerationId, fileRoot)], query));
            case ["generations", var id] when get:
                return new(200, Generation(id, fileRoot));
            case ["videos" or "images", var kind] when method == "POST":
                return new(202, new JsonObject
                {
                    ["generation_id"] = Guid.NewGuid().ToString("D"),
                    ["type"] = kind switch { "talking-avatar" => "talking-avatar", "ai-video" => "ai-video", _ => "image" },
                    ["status"] = "processing",
                });
            case ["voices"] when get:
                return new(200, Page([new JsonObject { ["id"] = "EXAVITQu4vr4xnSDxMaL", ["name"] = "Sarah", ["gender"] = "female" }], query));
            default:
                return NotFound($"The scenario server has no {method} {path}.");
        }
    }

    public static JsonObject Credits() => new()
    {
        ["credits_used"] = 0,
        ["credits_limit"] = 600,
        ["credits_remaining"] = 600,
    };

    public static JsonObject Product(string id, int number) => new()
    {
        ["id"] = id,
        ["name"] = "Scenario product " + number.ToString(CultureInfo.InvariantCulture),
        ["description"] = "Served by the scenario server.",
        ["category"] = "Scenario",
        ["image_url"] = "https://example.com/scenario.png",
        ["price"] = 9.99,
        ["currency"] = "USD",
        ["link"] = null,
        ["created_at"] = Created,
    };

    public static JsonObject Generation(string id, string fileRoot) => new()
    {
        ["id"] = id,
        ["type"] = "ai-video",
        ["status"] = "completed",
        ["created_at"] = Created,
        ["completed_at"] = Created,
        // Presigned-looking, on this server: the file scenarios answer it.
        ["result_url"] = $"{fileRoot}/{id}.mp4?expires=9999999999&signature=scenario",
        ["details"] = new JsonObject { ["prompt"] = "A scenario", ["model"] = "sora-2", ["duration"] = 10, ["aspect_ratio"] = "16:9" },
    };

    public static JsonObject Page(JsonNode[] items, string? query)
    {
        var offset = Number(query, "offset") ?? 0;
        var limit = Number(query, "limit") ?? 20;
        var slice = items.Skip(offset).Take(limit).Select(i => i.DeepClone()).ToArray();
        return new JsonObject
        {
            ["data"] = new JsonArray(slice),
            ["pagination"] = new JsonObject { ["total"] = items.Length, ["limit"] = limit, ["offset"] = offset },
        };
    }

    public static Answer NotFound(string message) => new(404, Error("not_found", message));

    public static JsonObject Error(string code, string message) => new()
    {
        ["error"] = new JsonObject { ["code"] = code, ["message"] = message },
    };

    public static int? Number(string? query, string name)
    {
        if (string.IsNullOrEmpty(query)) return null;
        foreach (var pair in query.TrimStart('?').Split('&'))
        {
            var equals = pair.IndexOf('=');
            if (equals > 0 && pair[..equals] == name && int.TryParse(pair[(equals + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                return value;
        }
        return null;
    }
}
