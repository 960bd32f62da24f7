using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;

namespace Adsumo.Client.Tests.Infrastructure;

/// <summary>
/// A list resource served with the contract's limit/offset paging over a list the test controls (and that DELETE
/// can shrink), to check how the client walks pages when the list changes under it.
/// </summary>
public sealed class ListEndpoint
{
    private readonly object _gate = new();
    private readonly List<string> _ids;
    private readonly Func<string, string> _render;

    public ListEndpoint(IEnumerable<string> ids, Func<string, string> render)
    {
        _ids = ids.ToList();
        _render = render;
    }

    /// <summary>Whether the answers carry pagination.total.</summary>
    public bool WithTotal { get; init; } = true;

    /// <summary>When set, pages hold at most this many items whatever the client asked for (a server-side cap).</summary>
    public int? ServerCap { get; init; }

    public int Count { get { lock (_gate) return _ids.Count; } }

    public void Remove(string id)
    {
        lock (_gate) _ids.Remove(id);
    }

    /// <summary>Answers GET (a page) and DELETE {id} (204, or 404 when absent).</summary>
    public Task Serve(Exchange exchange)
    {
        var request = exchange.Request;
        if (request.Method == "DELETE")
        {
            var id = request.Path.Substring(request.Path.LastIndexOf('/') + 1);
            bool removed;
            lock (_gate) removed = _ids.Remove(id);
            return removed ? exchange.Status(204) : exchange.Json(404, Payloads.Error("not_found", "No such item"));
        }
        var limit = int.Parse(request.QueryValue("limit") ?? "20", CultureInfo.InvariantCulture);
        var offset = int.Parse(request.QueryValue("offset") ?? "0", CultureInfo.InvariantCulture);
        if (limit is < 1 or > 100) return exchange.Json(400, Payloads.Error("invalid_request", "limit must be an integer from 1 to 100", "limit"));
        List<string> page;
        int total;
        lock (_gate)
        {
            total = _ids.Count;
            page = _ids.Skip(offset).Take(Math.Min(limit, ServerCap ?? limit)).ToList();
        }
        return exchange.Json(200, Payloads.Page(page.Select(_render), WithTotal ? total : null, limit, offset));
    }
}
