using System.Collections.Generic;
using System.Threading.Tasks;

namespace Adsumo.Client.Tests.Paging;

internal static class Drain
{
    /// <summary>Reads a query to its end as ListWriter does, with a bound so that a paging bug cannot loop forever.</summary>
    public static async Task<List<T>> AllAsync<T>(PagedQuery<T> query, CallContext call, int maxPages = 50)
    {
        var all = new List<T>();
        for (var pages = 0; !query.Done; pages++)
        {
            Assert.True(pages < maxPages, $"still not done after {maxPages} pages");
            all.AddRange(await query.NextAsync(call));
        }
        return all;
    }
}
