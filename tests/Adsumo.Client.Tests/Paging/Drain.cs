using System.Collections.Generic;
using System.Threading.Tasks;

namespace Adsumo.Client.Tests.Paging;

internal static class Drain
{
    /// <summary>Reads a query to its end with the query's own walk, failing if a paging bug makes it go on and on.</summary>
    public static Task<List<T>> AllAsync<T>(PagedQuery<T> query, CallContext call, int maxPages = 50)
    {
        var pages = 0;
        return query.ReadAllAsync(call, _ => Assert.True(++pages <= maxPages, $"still not done after {maxPages} pages"));
    }
}
