using System;
using System.Collections.Generic;

namespace Adsumo.Client;

/// <summary>
/// The ids a walk has returned, to never return one twice. Adsumo ids are UUIDs, kept as 16-byte Guids rather than
/// 36-character strings, so a listing of 100,000 items costs a few megabytes; anything else is kept as text.
/// </summary>
internal sealed class IdSet
{
    private readonly HashSet<Guid> _uuids = new();
    private readonly HashSet<string> _others = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Adds an id; false when it was already there.</summary>
    public bool Add(string id) => Guid.TryParse(id, out var uuid) ? _uuids.Add(uuid) : _others.Add(id);
}
