using System;
using System.Threading;
using System.Threading.Tasks;

namespace Adsumo.Client;

/// <summary>
/// One submission's place in a journal: what the journal already knows of it (made, in doubt, or nothing yet)
/// once <see cref="BeginAsync"/> has taken it, and the records its progress writes. While a ticket holds its key no
/// other pipeline of the process works on the same key; a second one waits, then finds the submission made.
/// </summary>
public sealed class JournalTicket
{
    private IDisposable? _hold;

    internal JournalTicket(Journal journal, string key, RequestIdentity identity, string describe)
    {
        Journal = journal;
        Key = key;
        Identity = identity;
        Describe = describe;
    }

    public Journal Journal { get; }

    /// <summary>The submission's key in the journal.</summary>
    public string Key { get; }

    public RequestIdentity Identity { get; }

    internal string Describe { get; }

    internal JournalRowSnapshot Known { get; private set; } = JournalRowSnapshot.Empty;

    /// <summary>Takes the key (waiting for another pipeline of the process that holds it) and reads what is known of it.</summary>
    internal async Task BeginAsync(CancellationToken cancellation)
    {
        _hold = await Journal.LockKeyAsync(Key, cancellation).ConfigureAwait(false);
        Known = Journal.Snapshot(Key);
    }

    /// <summary>Lets the key go.</summary>
    internal void End()
    {
        Known.InDoubt?.Dispose();
        _hold?.Dispose();
        _hold = null;
    }

    /// <summary>Whether the journal recorded this key for another request (a user's key reused with other values).</summary>
    internal bool RecordedForAnotherRequest =>
        Known.Fingerprint is { } recorded && !string.Equals(recorded, Identity.Fingerprint, StringComparison.Ordinal);

    /// <summary>Before the request is sent: the intent, on the device when this returns.</summary>
    internal Task RecordIntentAsync(CreditEstimate? estimate) =>
        Journal.AppendDurableAsync(new JournalLine("intent", Key)
            .With("endpoint", Identity.Endpoint)
            .With("request", Describe)
            .With("credits", estimate?.High)
            .With("credits_low", estimate?.Low)
            .WithJson("body", Identity.CanonicalBody));

    internal void RecordGeneration(string generationId, string how) =>
        Journal.Append(new JournalLine("submitted", Key).With("generation_id", generationId).With("how", how));

    internal void RecordVoiceover(Voiceover voiceover) =>
        Journal.Append(new JournalLine("submitted", Key).With("voiceover_id", voiceover.Id).With("duration", voiceover.Duration).With("how", "answered"));

    /// <summary>Certainly made nothing: the next run sends it again.</summary>
    internal void RecordNotCreated(AdsumoException error) =>
        Journal.Append(new JournalLine("not_created", Key).With("error", error.ErrorId).With("message", SafeText.Line(error.Message, 500)));

    /// <summary>Its outcome could not be decided: it stays in doubt, and the next run looks for it again.</summary>
    internal void RecordInDoubt(AdsumoException error) =>
        Journal.Append(new JournalLine("in_doubt", Key).With("error", error.ErrorId).With("message", SafeText.Line(error.Message, 500))
            .With("candidates", error.CandidateIds.Length > 0 ? error.CandidateIds : null));
}
