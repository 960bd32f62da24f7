using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;

namespace Adsumo.Client.Tests.Infrastructure;

/// <summary>
/// Generations that end at set times, served as the contract says: GET /generations?status=...&amp;limit&amp;offset
/// (newest first) and GET /generations/{id}. For the tests of waiting by list and by id.
/// </summary>
public sealed class GenerationsEndpoint
{
    private readonly ConcurrentDictionary<string, (DateTime EndsAt, string? Failure)> _generations = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _order = new();

    /// <summary>A generation that ends after <paramref name="after"/>: completed, or failed with a reason.</summary>
    public void Add(string id, TimeSpan after, string? failure = null)
    {
        _generations[id] = (DateTime.UtcNow + after, failure);
        lock (_order) _order.Insert(0, id);
    }

    /// <summary>A status the service reports while the generation is not yet in its list (a queue, say).</summary>
    public string WaitingStatus { get; set; } = "processing";

    private string StatusOf(string id) => _generations[id] is var g && DateTime.UtcNow >= g.EndsAt ? (g.Failure is null ? "completed" : "failed") : WaitingStatus;

    public Task Serve(Exchange exchange)
    {
        var request = exchange.Request;
        var last = request.Path.Substring(request.Path.LastIndexOf('/') + 1);
        if (last != "generations")
        {
            if (!_generations.TryGetValue(last, out var one)) return exchange.Json(404, Payloads.Error("not_found", "No such generation"));
            var status = StatusOf(last);
            return exchange.Json(200, status switch
            {
                "completed" => Payloads.CompletedGeneration(last, "https://files.example/" + last + ".png"),
                "failed" => Payloads.FailedGeneration(last, one.Failure!),
                _ => Payloads.Generation(last, status),
            });
        }
        var wanted = request.QueryValue("status");
        var limit = int.Parse(request.QueryValue("limit") ?? "20", CultureInfo.InvariantCulture);
        var offset = int.Parse(request.QueryValue("offset") ?? "0", CultureInfo.InvariantCulture);
        List<string> matching;
        lock (_order) matching = _order.Where(id => wanted is null || StatusOf(id) == wanted).ToList();
        var page = matching.Skip(offset).Take(limit).Select(id => Payloads.Generation(id, StatusOf(id)));
        return exchange.Json(200, Payloads.Page(page, matching.Count, limit, offset));
    }
}
