using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Adsumo.Client;

/// <summary>
/// A list read page by page on demand: the one way every list of the module is walked (cmdlets page by page through
/// <see cref="NextAsync"/>, completion and tools through <see cref="ReadAllAsync"/>). A consumer that stops early
/// (Select-Object -First 3) stops the requests too. Every page is asked for (no silent truncation), items are never
/// returned twice, and when the list shrinks while it is read (as in Get-AdsumoProduct | Remove-AdsumoProduct, which
/// deletes what the earlier pages held and so shifts the offsets) it reads again from the start instead of skipping
/// what moved.
/// Once the first page has been consumed and has given the total, the next pages are fetched ahead, up to
/// <see cref="MaxPagesAhead"/> at once, and still returned in the service's order: over a real network a listing
/// then costs a few round trips rather than one per page. A page fetched ahead at an offset the walk no longer
/// needs (a short page, a shrink) is cancelled and the walk goes on from where it is. Disposing the query cancels
/// every fetch still in flight.
/// </summary>
public sealed class PagedQuery<T> : IDisposable
{
    /// <summary>The page size the module asks for: the most the API gives at once.</summary>
    public const int MaxPageSize = 100;

    /// <summary>How many pages are fetched ahead of the one being read, at most.</summary>
    public const int MaxPagesAhead = 8;

    /// <summary>
    /// How many times in a row the list may shrink with nothing new read since the last time: a list whose items are
    /// deleted as it is read makes progress on every pass, while a total that only flickers makes none.
    /// </summary>
    internal const int MaxFruitlessRestarts = 3;

    /// <summary>
    /// The requests a walk may make for what it has returned: a margin, then a number per item. A list that shrinks
    /// while it is read costs a few requests per page (and fetching ahead a few more), never this many per item;
    /// a total that grows as fast as the walk while the pages repeat themselves would otherwise never end.
    /// </summary>
    internal static long MaxRequestsFor(ulong returned) => 100 + 20 * (long)Math.Min(returned, (ulong)int.MaxValue);

    private readonly Func<long, int, CallContext, Task<Page<T>>> _fetch;
    private readonly Func<T, string> _idOf;
    private readonly IdSet _seen = new();
    private readonly Queue<Ahead> _ahead = new();
    private readonly long _startOffset;
    private readonly ulong _first;
    private CancellationTokenSource _aheadCancellation = new();
    private long _offset;
    private long _highWater;
    private long? _lastTotal;
    private int _fruitlessRestarts;
    private ulong _returnedAtRestart;
    private int _pagesRead;
    private bool _disposed;

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

    /// <summary>How many requests were made, fetched ahead ones included.</summary>
    public int Requests => Volatile.Read(ref _requests);

    private int _requests;

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
            if (_pagesRead > 0) FetchAhead(call);
            var page = await FetchAsync(pageOffset, limit, call).ConfigureAwait(false);
            _pagesRead++;
            Total = page.Total;
            foreach (var item in page.Items)
            {
                if (!_seen.Add(_idOf(item))) continue;
                fresh.Add(item);
                if (Returned + (ulong)fresh.Count >= _first) break;
            }
            Returned += (ulong)fresh.Count;

            var previous = _lastTotal;
            var shrank = page.Total is { } now && previous is { } before && now < before;
            if (page.Total is not null) _lastTotal = page.Total;
            if (Returned >= _first)
            {
                Done = true;
            }
            else if (shrank)
            {
                _fruitlessRestarts = Returned > _returnedAtRestart ? 0 : _fruitlessRestarts + 1;
                _returnedAtRestart = Returned;
                if (_fruitlessRestarts > MaxFruitlessRestarts)
                {
                    throw new AdsumoException(AdsumoErrorKind.InvalidResponse,
                        $"The list's total keeps changing ({previous}, then {page.Total}) while nothing new is read, so it cannot be read to its end; stopped after {Requests} requests ({Returned} items read).");
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
        if (Done) CancelAhead();
        return fresh;
    }

    /// <summary>
    /// Reads every remaining item, page by page, handing each page to <paramref name="onPage"/> as it comes: the walk
    /// for callers that want the whole list (completion, tools), with the same protections as a cmdlet's.
    /// </summary>
    public async Task<List<T>> ReadAllAsync(CallContext call, Action<IReadOnlyList<T>>? onPage = null)
    {
        var all = new List<T>();
        while (!Done)
        {
            var page = await NextAsync(call).ConfigureAwait(false);
            onPage?.Invoke(page);
            all.AddRange(page);
        }
        return all;
    }

    /// <summary>Cancels every page still being fetched ahead.</summary>
    public void Dispose()
    {
        _disposed = true;
        CancelAhead();
    }

    private async Task<Page<T>> FetchAsync(long offset, int limit, CallContext call)
    {
        Ahead? head = null;
        lock (_ahead)
        {
            if (_ahead.Count > 0 && _ahead.Peek() is { } first && first.Offset == offset && first.Limit == limit) head = _ahead.Dequeue();
        }
        if (head is not null)
        {
            // The page was asked for with the query's own token: a stop of this call must reach it, and the rest, too.
            using (call.Cancellation.Register(CancelAhead))
            {
                try
                {
                    return await head.Page.ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (call.Cancellation.IsCancellationRequested)
                {
                    throw new OperationCanceledException(call.Cancellation);
                }
            }
        }
        // The walk went elsewhere (a short page, a shrink), or nothing was fetched ahead: what was is of no use.
        CancelAhead();
        Interlocked.Increment(ref _requests);
        return await _fetch(offset, limit, call).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts the pages after the one about to be read, as many as the window allows and the total says exist,
    /// assuming full pages: a page that turns out shorter moves the walk off these offsets and they are dropped.
    /// </summary>
    private void FetchAhead(CallContext call)
    {
        lock (_ahead)
        {
            if (_disposed || Total is not { } total) return;
            var next = _offset;
            foreach (var ahead in _ahead) next = ahead.Offset + ahead.Limit;
            var token = _aheadCancellation.Token;
            while (_ahead.Count < MaxPagesAhead && next < total)
            {
                var limit = (ulong)MaxPageSize;
                if (_first != ulong.MaxValue)
                {
                    // Items the pages before this one will bring, assuming they are full.
                    var before = (ulong)(next - _offset);
                    var remaining = _first - Returned;
                    if (before >= remaining) break;
                    limit = Math.Min(limit, remaining - before);
                }
                var offset = next;
                Interlocked.Increment(ref _requests);
                var page = _fetch(offset, (int)limit, new CallContext(call.Log, token));
                // A page dropped unread must not surface its failure later as an unobserved exception.
                _ = page.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                _ahead.Enqueue(new Ahead(offset, (int)limit, page));
                next = offset + (long)limit;
            }
        }
    }

    // Called from the walk, from a stop of the caller's call and from Dispose, which may be on other threads.
    private void CancelAhead()
    {
        CancellationTokenSource cancellation;
        lock (_ahead)
        {
            if (_ahead.Count == 0) return;
            _ahead.Clear();
            cancellation = _aheadCancellation;
            _aheadCancellation = new CancellationTokenSource();
        }
        cancellation.Cancel();
        cancellation.Dispose();
    }

    private sealed class Ahead
    {
        public Ahead(long offset, int limit, Task<Page<T>> page)
        {
            Offset = offset;
            Limit = limit;
            Page = page;
        }

        public long Offset { get; }

        public int Limit { get; }

        public Task<Page<T>> Page { get; }
    }
}
