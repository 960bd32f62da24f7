using System;
using System.Collections.Generic;
using Adsumo.Client;

namespace Adsumo.Infrastructure;

/// <summary>
/// The journals one cmdlet holds: each acquired once (shared with every other pipeline of the process that names
/// the same file) and released when the cmdlet is disposed, whether it ended, failed or was stopped.
/// </summary>
internal sealed class JournalUse : IDisposable
{
    private readonly Dictionary<string, Journal> _held = new(StringComparer.Ordinal);

    public Journal Acquire(string fullPath, AdsumoClient client)
    {
        if (_held.TryGetValue(fullPath, out var journal)) return journal;
        journal = Journal.Acquire(fullPath, client);
        _held[fullPath] = journal;
        return journal;
    }

    public void Dispose()
    {
        foreach (var journal in _held.Values) journal.Release();
        _held.Clear();
    }
}
