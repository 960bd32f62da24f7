using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace Adsumo.Emulator.State;

/// <summary>
/// A team's items kept oldest first, so adding is cheap and a newest-first page costs only its own length.
/// Not thread-safe: the owning team's lock guards it.
/// </summary>
internal sealed class NewestFirstList<T> where T : class, IHasId
{
    private readonly List<T> _items = [];
    private readonly Dictionary<Guid, T> _byId = [];

    public int Count => _items.Count;

    public void Add(T item)
    {
        _byId.Add(item.Id, item);
        _items.Add(item);
    }

    public bool TryGet(Guid id, [MaybeNullWhen(false)] out T item) => _byId.TryGetValue(id, out item);

    public bool Remove(Guid id)
    {
        if (!_byId.Remove(id, out var item)) return false;
        // Recent items are the likeliest to be deleted (tests clean up after themselves), so search from the end.
        _items.RemoveAt(_items.LastIndexOf(item));
        return true;
    }

    public T[] Page(int offset, int limit)
    {
        var available = _items.Count - offset;
        if (available <= 0) return [];
        var page = new T[Math.Min(limit, available)];
        for (var i = 0; i < page.Length; i++) page[i] = _items[available - 1 - i];
        return page;
    }

    public T[] All() => Page(0, _items.Count);

    /// <summary>Newest first, for the scans a status filter needs.</summary>
    public IEnumerable<T> NewestFirst()
    {
        for (var i = _items.Count - 1; i >= 0; i--) yield return _items[i];
    }
}
