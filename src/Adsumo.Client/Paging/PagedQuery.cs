using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Adsumo.Client;

/// <summary>
/// A list read page by page on demand, so that a consumer that stops early (Select-Object -First 3) stops the
/// requests too. Every page is asked for (no silent truncation), items are never written twice, and when the list
/// shrinks while it is read (as in Get-AdsumoProduct | Remove-AdsumoProduct, which deletes what the earlier pages
/// held and so shifts the offsets) it reads again from the start instead of skipping what moved.
/// A service that lies cannot make it loop: a page of nothing new past where reading had reached, a list that keeps
/// shrinking without bringing anything new (a total that alternates), and more requests than the items they brought
/// can justify all end the read with an InvalidResponse, after what was read.
/// </summary>
public sealed class PagedQuery<T>
{
    /// <summary>The page size the module asks for: the most the API gives at once.</summary>
    public const int MaxPageSize = 100;

    /// <summary>How many times in a row the list may shrink, and be read again, without a new item in between.</summary>
    public const int MaxFruitlessRestarts = 5;

    /// <summary>
    /// The requests a read may make: a margin, then a number per item returned. A shrinking list costs a few
    /// requests per page, never this many per item.
    /// </summary>
    public static long MaxRequestsFor(ulong returned) => 100 + 20 * (long)Math.Min(returned, (ulong)int.MaxValue);

    private readonly Func<long, int, CallContext, Task<Page<T>>> _fetch;
    private readonly Func<T, string> _idOf;
    private readonly HashSet<string> _seen = new(StringComparer.OrdinalIgnoreCase);
    private readonly long _startOffset;
    private readonly ulong _first;
    private long _offset;
    private long _highWater;
    private long? _lastTotal;
    private bool _newSinceRestart = true;
    private int _fruitlessRestarts;

    public PagedQuery(Func<long, int, CallContext, Task<Page<T>>> fetch, Func<T, string> idOf, ulong skip, ulong first)
    {
        _fetch = fetch;
        _idOf = idOf;
        _startOffset = (long)Math.Min(skip, long.MaxValue);
        _offset = _startOffset;
        _first = first;
        // -First 0 asks for nothing: no request, and no limit=0 that the API would refuse.
        Done = first == 0;
    }

    /// <summary>The total the service reported on the last page read; null before the first page or when it did not say.</summary>
    public long? Total { get; private set; }

    /// <summary>Whether every wanted item has been returned.</summary>
    public bool Done { get; private set; }

    /// <summary>How many requests were made.</summary>
    public int Requests { get; private set; }

    /// <summary>How many items were returned so far.</summary>
    public ulong Returned { get; private set; }

    /// <summary>The next page's new items; an empty list once <see cref="Done"/>.</summary>
    public async Task<IReadOnlyList<T>> NextAsync(CallContext call)
    {
        var fresh = new List<T>();
        while (!Done && fresh.Count == 0)
        {
            var wanted = _first - Returned;
            var limit = (int)Math.Min((ulong)MaxPageSize, wanted);
            var pageOffset = _offset;
            if (Requests >= MaxRequestsFor(Returned))
            {
                throw new AdsumoException(AdsumoErrorKind.InvalidResponse,
                    $"The service kept answering without bringing new items: {Requests} requests for {Returned} items; reading stopped here.");
            }
            var page = await _fetch(pageOffset, limit, call).ConfigureAwait(false);
            Requests++;
            Total = page.Total;
            foreach (var item in page.Items)
            {
                if (!_seen.Add(_idOf(item))) continue;
                fresh.Add(item);
                if (Returned + (ulong)fresh.Count >= _first) break;
            }
            Returned += (ulong)fresh.Count;
            if (fresh.Count > 0) _newSinceRestart = true;

            var previous = _lastTotal;
            var shrank = page.Total is { } now && previous is { } before && now < before;
            if (page.Total is not null) _lastTotal = page.Total;
            if (Returned >= _first)
            {
                Done = true;
            }
            else if (shrank)
            {
                _fruitlessRestarts = _newSinceRestart ? 0 : _fruitlessRestarts + 1;
                _newSinceRestart = false;
                if (_fruitlessRestarts > MaxFruitlessRestarts)
                {
                    throw new AdsumoException(AdsumoErrorKind.InvalidResponse,
                        $"The list's total keeps changing (now {page.Total}, before {previous}) while reading it again brings nothing new, so it cannot be read to its end ({Returned} items read).");
                }
                call.Log.Verbose($"The list shrank from {previous} to {page.Total} items while it was read; reading it again from the start, without repeating what was already written.");
                _highWater = Math.Max(_highWater, pageOffset + page.Items.Count);
                _offset = _startOffset;
            }
            else
            {
                // A page of nothing new, past where an earlier pass reached and with no new items at the front to
                // push the old ones along, means the service ignores the offset: going on would never end.
                var grew = page.Total is { } after && previous is { } earlier && after > earlier;
                if (page.Items.Count > 0 && fresh.Count == 0 && pageOffset >= _highWater && !grew)
                {
                    throw new AdsumoException(AdsumoErrorKind.InvalidResponse,
                        $"The service answered offset {pageOffset} with items it had already listed, so it seems to ignore the offset; the list cannot be read further without repeating itself ({Returned} items read).");
                }
                _offset += page.Items.Count;
                _highWater = Math.Max(_highWater, _offset);
                Done = page.Items.Count == 0
                    || (page.Total is { } total ? _offset >= total : page.Items.Count < limit);
            }
        }
        return fresh;
    }
}
