using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Adsumo.Client.Http;

namespace Adsumo.Client;

public sealed partial class AdsumoClient
{
    /// <summary>Generations, newest first as the service orders them, optionally of one type and status.</summary>
    public PagedQuery<Generation> ListGenerations(string? type, string? status, ulong skip, ulong first) =>
        Paged("generations", new List<KeyValuePair<string, string?>> { new("type", type), new("status", status) },
            ModelReader.Generation, g => g.Id, skip, first);

    /// <summary>
    /// The ids of the team's generations in one status, read from every page of the list at once (the pages after
    /// the first side by side). A snapshot, not a walk: an item that moves between pages while they are read may be
    /// missed, which a caller must allow for. When the list would take more than <paramref name="maxPages"/> pages
    /// only the first is read and the snapshot says it is incomplete, with the total.
    /// </summary>
    public async Task<GenerationSnapshot> SnapshotGenerationIdsAsync(string status, int maxPages, CallContext call)
    {
        var filters = new List<KeyValuePair<string, string?>> { new("status", status) };
        const int PageSize = PagedQuery<Generation>.MaxPageSize;
        var first = await FetchPageAsync("generations", filters, ModelReader.Generation, 0, PageSize, call).ConfigureAwait(false);
        var ids = new HashSet<string>(first.Items.Select(g => g.Id), StringComparer.OrdinalIgnoreCase);
        var total = first.Total ?? (first.Items.Count < PageSize ? first.Items.Count : long.MaxValue);
        var pages = total == long.MaxValue ? long.MaxValue : (total + PageSize - 1) / PageSize;
        if (pages > maxPages) return new GenerationSnapshot(ids, total, 1, complete: false);
        using var window = new SemaphoreSlim(PagedQuery<Generation>.MaxPagesAhead);
        var rest = new List<Task<Page<Generation>>>();
        for (long offset = PageSize; offset < total; offset += PageSize)
        {
            var at = offset;
            rest.Add(Task.Run(async () =>
            {
                await window.WaitAsync(call.Cancellation).ConfigureAwait(false);
                try
                {
                    return await FetchPageAsync("generations", filters, ModelReader.Generation, at, PageSize, call).ConfigureAwait(false);
                }
                finally
                {
                    window.Release();
                }
            }, call.Cancellation));
        }
        foreach (var page in await Task.WhenAll(rest).ConfigureAwait(false)) ids.UnionWith(page.Items.Select(g => g.Id));
        return new GenerationSnapshot(ids, total, 1 + rest.Count, complete: true);
    }

    public Task<Generation> GetGenerationAsync(string id, CallContext call) =>
        ReadOneAsync(ApiRequest.Get("generations/" + Input.Id(id, "Id", "generation id")), ModelReader.Generation, call);
}
