using System;
using System.Collections.Generic;
using System.Management.Automation;
using Adsumo.Client;

namespace Adsumo.Infrastructure;

/// <summary>
/// Writes a paged list as its pages arrive, honouring -First, -Skip and -IncludeTotalCount: the one loop of the list
/// cmdlets. With a filter the service cannot apply (a -Name wildcard), the whole list is walked and -First, -Skip and
/// the total apply to the matches. However the writing ends (the list is done, Select-Object -First stopped it,
/// Ctrl+C), every page still being fetched is cancelled.
/// </summary>
internal static class ListWriter
{
    public static void WriteAll<T>(AdsumoCmdlet cmdlet, PagedQuery<T> query, PagingParameters paging, string what, Func<T, bool>? filter = null)
    {
        using var _ = query;
        using var stop = cmdlet.StoppingToken.Register(query.Dispose);
        if (filter is not null)
        {
            WriteMatches(cmdlet, query, paging, what, filter);
            return;
        }
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
            ShowProgress(progress, query);
        }
        progress.Complete();
    }

    private static void WriteMatches<T>(AdsumoCmdlet cmdlet, PagedQuery<T> query, PagingParameters paging, string what, Func<T, bool> filter)
    {
        var progress = new ProgressBar(cmdlet, "Listing " + what);
        // The count of matches is known only at the end: with -IncludeTotalCount they are held until then.
        var held = paging.IncludeTotalCount ? new List<T>() : null;
        ulong matched = 0;
        ulong written = 0;
        while (!query.Done && written < paging.First)
        {
            foreach (var item in cmdlet.Pump.Run(call => query.NextAsync(call)))
            {
                if (!filter(item)) continue;
                matched++;
                if (matched <= paging.Skip || written >= paging.First) continue;
                written++;
                if (held is null) cmdlet.WriteObject(item);
                else held.Add(item);
            }
            ShowProgress(progress, query);
        }
        if (held is not null)
        {
            // Counting every match means reading to the end even once -First is satisfied.
            while (!query.Done) foreach (var item in cmdlet.Pump.Run(call => query.NextAsync(call))) if (filter(item)) matched++;
            cmdlet.WriteObject(paging.NewTotalCount(matched, 1.0));
            foreach (var item in held) cmdlet.WriteObject(item);
        }
        progress.Complete();
    }

    private static void ShowProgress<T>(ProgressBar progress, PagedQuery<T> query)
    {
        if (query.Total is { } total && total > PagedQuery<T>.MaxPageSize && !query.Done)
        {
            progress.Update($"{query.Returned} of {total}", (int)(100 * (long)query.Returned / total));
        }
    }
}
