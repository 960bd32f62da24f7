using System.Management.Automation;
using Adsumo.Client;

namespace Adsumo.Infrastructure;

/// <summary>Writes a paged list as its pages arrive, honouring -First, -Skip and -IncludeTotalCount.</summary>
internal static class ListWriter
{
    public static void WriteAll<T>(AdsumoCmdlet cmdlet, PagedQuery<T> query, PagingParameters paging, string what)
    {
        var progress = new ProgressBar(cmdlet, "Listing " + what);
        var first = true;
        while (!query.Done)
        {
            var items = cmdlet.Pump.Run(call => query.NextAsync(call));
            if (first)
            {
                first = false;
                if (paging.IncludeTotalCount)
                {
                    var accuracy = query.Total is null ? 0.0 : 1.0;
                    cmdlet.WriteObject(paging.NewTotalCount((ulong)(query.Total ?? (long)items.Count), accuracy));
                }
            }
            foreach (var item in items) cmdlet.WriteObject(item);
            if (query.Total is { } total && total > PagedQuery<T>.MaxPageSize && !query.Done)
            {
                progress.Update($"{query.Returned} of {total}", (int)(100 * (long)query.Returned / total));
            }
        }
        progress.Complete();
    }
}
