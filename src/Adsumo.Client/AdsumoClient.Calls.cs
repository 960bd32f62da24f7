using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Threading.Tasks;
using Adsumo.Client.Http;

namespace Adsumo.Client;

public sealed partial class AdsumoClient
{
    /// <summary>Sends a request and reads one object from its answer (bare, or wrapped in {data:{...}}).</summary>
    private async Task<T> ReadOneAsync<T>(ApiRequest request, Func<JsonElement, T> read, CallContext call)
    {
        var response = await SendAsync(request, call).ConfigureAwait(false);
        return Parse(response, request.Method.Method + " " + request.Path, root =>
        {
            if (root.ValueKind == JsonValueKind.Object && !root.TryGetProperty("id", out _) && Wire.Object(root, "data") is { } data) root = data;
            return read(root);
        });
    }

    /// <summary>
    /// Parses an answer and maps it; a failure to read it names the request, its status and its request id, as an
    /// error from the service would.
    /// </summary>
    private static T Parse<T>(ApiResponse response, string described, Func<JsonElement, T> read)
    {
        try
        {
            using var document = response.Json(described);
            return read(document.RootElement);
        }
        catch (Adsumo.AdsumoException e) when (e.RequestId is null)
        {
            throw new Adsumo.AdsumoException(e.Kind, $"{e.Message} ({described}, request {response.RequestId})", e)
            {
                RequestId = response.RequestId,
                StatusCode = response.StatusCode,
                Attempts = response.Attempts,
            };
        }
    }

    /// <summary>A paged list endpoint as a lazy query.</summary>
    private PagedQuery<T> Paged<T>(string path, IEnumerable<KeyValuePair<string, string?>> filters, Func<JsonElement, T> read, Func<T, string> idOf, ulong skip, ulong first) =>
        new((offset, limit, call) => FetchPageAsync(path, filters, read, offset, limit, call), idOf, skip, first);

    /// <summary>One page of a paged list endpoint.</summary>
    private async Task<Page<T>> FetchPageAsync<T>(string path, IEnumerable<KeyValuePair<string, string?>> filters, Func<JsonElement, T> read, long offset, int limit, CallContext call)
    {
        var request = ApiRequest.Get(path);
        foreach (var filter in filters) request.With(filter.Key, filter.Value);
        request.With("limit", limit.ToString(CultureInfo.InvariantCulture)).With("offset", offset.ToString(CultureInfo.InvariantCulture));
        var response = await SendAsync(request, call).ConfigureAwait(false);
        return Parse(response, "GET " + path, root => Page<T>.Read(root, read, "GET " + path));
    }

    /// <summary>
    /// Reads an unpaged list. Should the service start paging it, the remaining pages are fetched too, so the list
    /// is never silently cut at the first page; a page that brings nothing new, or a list past
    /// <see cref="MaxUnpagedItems"/>, ends in a clear error instead of a loop.
    /// </summary>
    private async Task<IReadOnlyList<T>> ReadAllAsync<T>(string path, Func<JsonElement, T> read, Func<T, string> idOf, CallContext call)
    {
        var all = new List<T>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var request = ApiRequest.Get(path);
        while (true)
        {
            var response = await SendAsync(request, call).ConfigureAwait(false);
            var page = Parse(response, "GET " + path, root => Page<T>.Read(root, read, "GET " + path));
            var fresh = 0;
            foreach (var item in page.Items)
            {
                if (!seen.Add(idOf(item))) continue;
                all.Add(item);
                fresh++;
            }
            if (page.Total is not { } total || all.Count >= total || page.Items.Count == 0) return all;
            if (fresh == 0 || all.Count >= MaxUnpagedItems)
            {
                throw new AdsumoException(AdsumoErrorKind.InvalidResponse, fresh == 0
                    ? $"GET {path} says it holds {total} items but answered offset {all.Count} with items it had already listed; it cannot be read further ({all.Count} items read)."
                    : $"GET {path} says it holds {total} items, more than the {MaxUnpagedItems} the module reads from a list that is not paged.");
            }
            request = ApiRequest.Get(path)
                .With("limit", PagedQuery<T>.MaxPageSize.ToString(CultureInfo.InvariantCulture))
                .With("offset", all.Count.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The most items read from a list the API does not page (avatars): far above any team's, and a bound on memory.</summary>
    internal const int MaxUnpagedItems = 10_000;

    /// <summary>
    /// Deletes by id. A 404 after a retry means an earlier attempt already deleted it (its answer was lost), which
    /// is what the caller wanted.
    /// </summary>
    private async Task DeleteAsync(string path, CallContext call)
    {
        try
        {
            await SendAsync(ApiRequest.Delete(path), call).ConfigureAwait(false);
        }
        catch (Adsumo.AdsumoException e) when (e.Kind == Adsumo.AdsumoErrorKind.NotFound && e.Attempts > 1)
        {
            call.Log.Verbose($"DELETE {path}: not found after {e.Attempts} attempts, so an earlier attempt deleted it.");
        }
    }
}
