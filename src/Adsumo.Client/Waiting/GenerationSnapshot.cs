using System.Collections.Generic;

namespace Adsumo.Client;

/// <summary>The ids of the team's generations in one status at one moment, as the list endpoint gave them.</summary>
public sealed class GenerationSnapshot
{
    private readonly HashSet<string> _ids;

    public GenerationSnapshot(HashSet<string> ids, long total, int requests, bool complete)
    {
        _ids = ids;
        Total = total;
        Requests = requests;
        Complete = complete;
    }

    /// <summary>How many the service said there are.</summary>
    public long Total { get; }

    /// <summary>How many requests it took.</summary>
    public int Requests { get; }

    /// <summary>Whether every page was read (else only the first page's ids are known).</summary>
    public bool Complete { get; }

    /// <summary>Whether the snapshot holds the id.</summary>
    public bool Contains(string id) => _ids.Contains(id);
}
