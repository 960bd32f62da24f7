using System;
using System.Collections.Generic;
using System.Threading;

namespace Adsumo.Emulator.RequestLogging;

/// <summary>
/// The last <see cref="Capacity"/> requests in a ring. Sequence numbers are given under the lock, so they are
/// contiguous in the ring and <c>since</c> is an index computation, not a search. They keep counting across clears,
/// so a poller's <c>since</c> stays meaningful.
/// </summary>
internal sealed class RequestLog
{
    public const int Capacity = 200_000;

    private readonly Lock _sync = new();
    private readonly LoggedRequest?[] _ring = new LoggedRequest?[Capacity];
    private int _start;
    private int _count;
    private long _nextSeq = 1;

    public void Add(LoggedRequest entry)
    {
        lock (_sync)
        {
            entry.Seq = _nextSeq++;
            if (_count < Capacity)
            {
                _ring[(_start + _count) % Capacity] = entry;
                _count++;
            }
            else
            {
                _ring[_start] = entry;
                _start = (_start + 1) % Capacity;
            }
        }
    }

    public List<LoggedRequest> Since(long since)
    {
        lock (_sync)
        {
            if (_count == 0) return [];
            var firstSeq = _ring[_start]!.Seq;
            var skip = (int)Math.Clamp(since - firstSeq + 1, 0, _count);
            var result = new List<LoggedRequest>(_count - skip);
            for (var i = skip; i < _count; i++) result.Add(_ring[(_start + i) % Capacity]!);
            return result;
        }
    }

    public void Clear()
    {
        lock (_sync)
        {
            Array.Clear(_ring);
            _start = 0;
            _count = 0;
        }
    }
}
