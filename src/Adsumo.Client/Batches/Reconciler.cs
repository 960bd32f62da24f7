using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Adsumo.Client;

/// <summary>
/// Finds the generation a creation made when its answer was lost. The API has no idempotency key, so the only
/// evidence is the list: generations of the same type, newest first, stamped after the request was sent (on the
/// service's clock, less a margin), that no submission of this process has claimed, whose details (read by id, as
/// the list has none) match the request. One such generation is adopted; none, for as long as the settle time, means
/// the request never arrived; more than the process's identical lost answers can explain is ambiguous, and is never
/// resolved by a guess.
/// </summary>
internal static class Reconciler
{
    private static readonly TimeSpan LookAgain = TimeSpan.FromSeconds(1);

    public static async Task<Outcome> FindAsync(AdsumoClient client, GenerationDraft draft, string fingerprint,
        SubmissionLedger.LostAnswer self, DateTimeOffset sentLocally, TimeSpan settle, CallContext call)
    {
        var ledger = client.Submissions;
        var settleUntil = sentLocally + settle;
        var looks = 0;
        while (true)
        {
            var (inFlight, _) = ledger.Count(fingerprint);
            if (inFlight > 0) call.Log.Verbose($"Waiting for {inFlight} identical request{(inFlight == 1 ? "" : "s")} in flight in this process before counting (their answers claim what they made).");
            var started = await ledger.QuietAsync(fingerprint, call.Cancellation).ConfigureAwait(false);
            var candidates = await MatchingAsync(client, draft, sentLocally, call).ConfigureAwait(false);
            looks++;
            var decision = ledger.Decide(self, started, candidates);
            switch (decision.Kind)
            {
                case SubmissionLedger.DecisionKind.Stale:
                    continue;
                case SubmissionLedger.DecisionKind.Adopt:
                    return Outcome.Adopted(decision.Adopted!);
                case SubmissionLedger.DecisionKind.Ambiguous:
                    return Outcome.Ambiguous(decision.Candidates, decision.LostAnswers);
            }
            var left = settleUntil - DateTimeOffset.UtcNow;
            if (left <= TimeSpan.Zero) return Outcome.NotFound(looks);
            await Task.Delay(left < LookAgain ? left : LookAgain, call.Cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>The unclaimed generations, newest first, that the request may have made.</summary>
    private static async Task<IReadOnlyList<string>> MatchingAsync(AdsumoClient client, GenerationDraft draft, DateTimeOffset sentLocally, CallContext call)
    {
        var ledger = client.Submissions;
        var matches = new List<string>();
        var listed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        DateTimeOffset? earliest = null;
        for (long offset = 0; ; offset += PagedQuery<Generation>.MaxPageSize)
        {
            var page = await client.GenerationsPageAsync(draft.GenerationType, offset, call).ConfigureAwait(false);
            // After the first answer, whose Date header the clock has just taken in.
            earliest ??= client.ServiceClock.ToService(sentLocally) - client.Settings.ReconcileClockMargin;
            var older = false;
            foreach (var generation in page.Items)
            {
                // New generations at the front push the list along while it is read: each is looked at once.
                if (!listed.Add(generation.Id)) continue;
                if (generation.CreatedAt is { } created && created < earliest)
                {
                    older = true;
                    continue;
                }
                if (ledger.IsClaimed(generation.Id)) continue;
                Generation read;
                try
                {
                    read = await ledger.ReadAsync(generation.Id, () => client.GetGenerationAsync(generation.Id, call)).ConfigureAwait(false);
                }
                catch (AdsumoException e) when (e.Kind == AdsumoErrorKind.NotFound)
                {
                    continue;
                }
                catch (AdsumoInputException)
                {
                    // An id that is not a UUID cannot be read back, nor be what a request of ours made.
                    continue;
                }
                if (read.Details is { } details && draft.Matches(details)) matches.Add(read.Id);
            }
            // The list is newest first: once it reaches generations made before the request, the rest are older still.
            var end = page.Items.Count == 0
                || (page.Total is { } total ? offset + page.Items.Count >= total : page.Items.Count < PagedQuery<Generation>.MaxPageSize);
            if (older || end) break;
        }
        return matches;
    }

    /// <summary>What reconciliation found.</summary>
    internal sealed class Outcome
    {
        private Outcome(string? adopted, IReadOnlyList<string> candidates, int lostAnswers, int looks)
        {
            AdoptedId = adopted;
            Candidates = candidates;
            LostAnswers = lostAnswers;
            Looks = looks;
        }

        /// <summary>The generation adopted, if one was.</summary>
        public string? AdoptedId { get; }

        /// <summary>For an ambiguity: the matching generations.</summary>
        public IReadOnlyList<string> Candidates { get; }

        /// <summary>For an ambiguity: the lost answers of the process that could explain them.</summary>
        public int LostAnswers { get; }

        public int Looks { get; }

        public bool IsAmbiguous => Candidates.Count > 0 && AdoptedId is null;

        public static Outcome Adopted(string id) => new(id, [], 0, 0);

        public static Outcome Ambiguous(IReadOnlyList<string> candidates, int lostAnswers) => new(null, candidates, lostAnswers, 0);

        public static Outcome NotFound(int looks) => new(null, [], 0, looks);
    }
}
