using System;
using System.Collections.Generic;
using System.Linq;
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
        foreach (var items in Pages(cmdlet, query, progress))
        {
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
        }
        progress.Complete();
    }

    /// <summary>
    /// Writes the items of a whole list that <paramref name="keep"/> matches, for a filter the service does not
    /// have (such as -Name): still page by page as they arrive, with -Skip and -First counting matches, and no more
    /// pages asked for once -First matches are written. -IncludeTotalCount has to read every page first, to count.
    /// </summary>
    public static void WriteMatching<T>(AdsumoCmdlet cmdlet, PagedQuery<T> all, PagingParameters paging, string what, Func<T, bool> keep)
    {
        var progress = new ProgressBar(cmdlet, "Listing " + what);
        var matches = Pages(cmdlet, all, progress).SelectMany(page => page).Where(keep);
        if (paging.IncludeTotalCount)
        {
            var counted = matches.ToList();
            cmdlet.WriteObject(paging.NewTotalCount((ulong)counted.Count, 1.0));
            matches = counted;
        }
        foreach (var item in matches.Skip(ToInt(paging.Skip)).Take(ToInt(paging.First))) cmdlet.WriteObject(item);
        progress.Complete();
    }

    private static IEnumerable<IReadOnlyList<T>> Pages<T>(AdsumoCmdlet cmdlet, PagedQuery<T> query, ProgressBar progress)
    {
        while (!query.Done)
        {
            var items = cmdlet.Pump.Run(call => query.NextAsync(call));
            if (query.Total is { } total && total > PagedQuery<T>.MaxPageSize && !query.Done)
            {
                progress.Update($"{query.Returned} of {total}", (int)(100 * (long)query.Returned / total));
            }
            yield return items;
        }
    }

    private static int ToInt(ulong count) => (int)Math.Min(count, int.MaxValue);
}
