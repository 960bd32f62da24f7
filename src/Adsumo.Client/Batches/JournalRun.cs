using System;
using System.Collections.Generic;

namespace Adsumo.Client;

/// <summary>
/// One pipeline's use of a journal. It names each submission: by the key the user gives, or by its endpoint, a hash
/// of its request and its occurrence among identical requests of this run (so two identical rows are two ads,
/// each made once, and a run started again names them the same way).
/// </summary>
public sealed class JournalRun
{
    private const int MaxKeyLength = 200;
    private readonly Dictionary<string, int> _occurrences = new(StringComparer.Ordinal);

    internal JournalRun(Journal journal) => Journal = journal;

    public Journal Journal { get; }

    /// <summary>
    /// The ticket of the next submission. Called in input order (on the pipeline thread), so that occurrences are
    /// numbered the same way on every run.
    /// </summary>
    public JournalTicket Ticket(RequestIdentity identity, string describe, string? userKey)
    {
        string key;
        if (userKey is not null)
        {
            key = CheckKey(userKey);
        }
        else
        {
            _occurrences.TryGetValue(identity.Fingerprint, out var count);
            _occurrences[identity.Fingerprint] = ++count;
            key = $"{identity.ShortEndpoint}:{identity.Hash}#{count}";
        }
        return new JournalTicket(Journal, key, identity, describe);
    }

    private static string CheckKey(string key)
    {
        var trimmed = key.Trim();
        if (trimmed.Length == 0)
            throw new AdsumoInputException(ErrorReason.InvalidJournalKey, "JournalKey", "The journal key is empty.");
        if (trimmed.Length > MaxKeyLength)
            throw new AdsumoInputException(ErrorReason.InvalidJournalKey, "JournalKey", $"The journal key is {trimmed.Length} characters long; at most {MaxKeyLength} are allowed.");
        foreach (var c in trimmed)
        {
            if (char.IsControl(c))
                throw new AdsumoInputException(ErrorReason.InvalidJournalKey, "JournalKey", $"The journal key '{SafeText.Quote(trimmed)}' contains control characters.");
        }
        return trimmed;
    }
}
