using System;
using System.Threading.Tasks;
using Adsumo.Client.Http;

namespace Adsumo.Client;

public sealed partial class AdsumoClient
{
    /// <summary>
    /// Submits a generation and answers with it, still processing. It is checked first. When its answer is lost
    /// after it may have reached the service (a 5xx or 408, a reset, a timeout, an unreadable answer), the generation
    /// it made is looked for and adopted; when none appears within the settle time the request never arrived, and it
    /// is sent again (at most <see cref="ConnectionSettings.MaxResends"/> times). What cannot be decided is an
    /// Adsumo.OutcomeAmbiguous or Adsumo.OutcomeUnknown error, never a guess. With a journal ticket, a submission the
    /// journal records as made is read back instead of sent, one in doubt is reconciled first, and every step is
    /// recorded.
    /// </summary>
    public async Task<Generation> CreateGenerationAsync(GenerationDraft draft, CallContext call, JournalTicket? ticket = null)
    {
        draft.Validate();
        var identity = ticket?.Identity ?? RequestIdentity.Of(draft.Path, draft.ToJson());
        if (ticket is null) return await SubmitAsync(draft, identity, null, null, call).ConfigureAwait(false);

        await ticket.BeginAsync(call.Cancellation).ConfigureAwait(false);
        try
        {
            var known = ticket.Known;
            if (ticket.RecordedForAnotherRequest)
                call.Log.Verbose($"Journal key {ticket.Key} was recorded for another request; the journal's record is what counts.");
            if (known.GenerationId is { } made)
            {
                call.Log.Verbose($"Journal: {ticket.Key} was already submitted as generation {made}; not sending it again.");
                var generation = await GetGenerationAsync(made, call).ConfigureAwait(false);
                generation.EstimatedCredits ??= draft.Estimate()?.High;
                return generation;
            }
            return await SubmitAsync(draft, identity, ticket, known.InDoubt is { } lost ? (lost, known.SentAt ?? DateTimeOffset.UtcNow) : null, call).ConfigureAwait(false);
        }
        finally
        {
            ticket.End();
        }
    }

    private async Task<Generation> SubmitAsync(GenerationDraft draft, RequestIdentity identity, JournalTicket? ticket,
        (SubmissionLedger.LostAnswer Lost, DateTimeOffset SentAt)? inDoubt, CallContext call)
    {
        var estimate = draft.Estimate();
        var described = "POST " + BaseUri.AbsolutePath + draft.Path;
        if (inDoubt is { } earlier)
        {
            // A request sent by an earlier run, whose answer never reached the journal (it was killed or stopped).
            call.Log.Verbose($"Journal: {ticket!.Key} was sent at {earlier.SentAt:u} without a recorded answer; looking for the generation it may have made.");
            var found = await ReconcileAsync(draft, identity, earlier.Lost, earlier.SentAt, Settings.ReconcileLostSettle, null, described, ticket, call).ConfigureAwait(false);
            if (found is not null) return Adopted(found, estimate);
            call.Log.Verbose($"Journal: no generation from {ticket.Key}'s earlier request; it never arrived, so it is sent now.");
        }

        AdsumoException? lastLoss = null;
        TimeSpan lastSettle = default;
        var sends = Settings.MaxResends + 1;
        for (var send = 1; send <= sends; send++)
        {
            if (ticket is not null) await ticket.RecordIntentAsync(estimate).ConfigureAwait(false);
            var sentLocally = DateTimeOffset.UtcNow;
            SubmissionLedger.LostAnswer lost;
            using (var sending = Submissions.BeginSend(identity.Fingerprint))
            {
                try
                {
                    var generation = await ReadOneAsync(ApiRequest.Create(draft.Path, identity.Body), ModelReader.Generation, call).ConfigureAwait(false);
                    sending.Answered(generation.Id);
                    generation.EstimatedCredits = estimate?.High;
                    ticket?.RecordGeneration(generation.Id, "answered");
                    return generation;
                }
                catch (AdsumoException e) when (e.MayHaveBeenCreated)
                {
                    lost = sending.Lost();
                    lastLoss = e;
                }
                catch (AdsumoException e)
                {
                    ticket?.RecordNotCreated(e);
                    throw;
                }
            }
            // An answer from the service (a 5xx, or a success that could not be read) comes after it acted or gave
            // up; without one (a reset, a timeout) it may still be at work, so it is given longer to show its result.
            lastSettle = lastLoss.StatusCode is not null ? Settings.ReconcileSettle : Settings.ReconcileLostSettle;
            call.Log.Verbose($"{described}: the answer was lost ({Reason(lastLoss)}); looking for the {draft.GenerationType} generation it may have made (for up to {RequestContext.FormatSeconds(lastSettle)}).");
            var found = await ReconcileAsync(draft, identity, lost, sentLocally, lastSettle, lastLoss, described, ticket, call).ConfigureAwait(false);
            if (found is not null) return Adopted(found, estimate);
            if (send < sends)
                call.Log.Verbose($"{described}: no generation appeared within {RequestContext.FormatSeconds(lastSettle)}, so the request never arrived; sending it again (send {send + 1} of at most {sends}).");
        }

        var notCreated = new AdsumoException(lastLoss!.Kind,
            $"The {draft.Describe()} was not created: {described} failed {Times(sends)}, and after each failure no generation it could have made appeared within {RequestContext.FormatSeconds(lastSettle)}, so nothing was made. The last failure: {Reason(lastLoss)} (request {lastLoss.RequestId}).", lastLoss)
        {
            StatusCode = lastLoss.StatusCode,
            ErrorCode = lastLoss.ErrorCode,
            RequestId = lastLoss.RequestId,
            Attempts = lastLoss.Attempts,
        };
        ticket?.RecordNotCreated(notCreated);
        throw notCreated;
    }

    /// <summary>Looks for what a lost request made: the generation to adopt, or null when none appeared.</summary>
    private async Task<Generation?> ReconcileAsync(GenerationDraft draft, RequestIdentity identity, SubmissionLedger.LostAnswer lost,
        DateTimeOffset sentLocally, TimeSpan settle, AdsumoException? loss, string described, JournalTicket? ticket, CallContext call)
    {
        using (lost)
        {
            Reconciler.Outcome outcome;
            try
            {
                outcome = await Reconciler.FindAsync(this, draft, identity.Fingerprint, lost, sentLocally, settle, call).ConfigureAwait(false);
            }
            catch (AdsumoException e)
            {
                var unknown = new AdsumoException(AdsumoErrorKind.OutcomeUnknown,
                    $"The answer to {described} was lost{(loss is null ? " (an earlier run was stopped while it was sent)" : $" ({Reason(loss)})")}, and the module could not look for the {draft.GenerationType} generation it may have made: {e.Message} The {draft.Describe()} may have been created (and charged): look with Get-AdsumoGeneration before trying again.", e)
                {
                    RequestId = loss?.RequestId,
                    StatusCode = loss?.StatusCode,
                    MayHaveBeenCreated = true,
                };
                ticket?.RecordInDoubt(unknown);
                throw unknown;
            }
            if (outcome.AdoptedId is { } id)
            {
                call.Log.Verbose($"{described}: found generation {id}, made by the request whose answer was lost; adopting it as if the answer had come.");
                ticket?.RecordGeneration(id, "adopted");
                return await Submissions.ReadAsync(id, () => GetGenerationAsync(id, call)).ConfigureAwait(false);
            }
            if (outcome.IsAmbiguous)
            {
                var ids = string.Join(", ", outcome.Candidates);
                var ambiguous = new AdsumoException(AdsumoErrorKind.OutcomeAmbiguous,
                    $"The answer to {described} was lost{(loss is null ? " (an earlier run was stopped while it was sent)" : $" ({Reason(loss)})")}, and {outcome.Candidates.Count} generations match it ({ids}), more than the {outcome.LostAnswers} lost answer{(outcome.LostAnswers == 1 ? "" : "s")} of identical requests in this process can explain: another client made the same request at the same time. The module does not guess which is this request's; check them with Get-AdsumoGeneration -Id before trying again.", loss)
                {
                    RequestId = loss?.RequestId,
                    StatusCode = loss?.StatusCode,
                    MayHaveBeenCreated = true,
                    CandidateIds = [.. outcome.Candidates],
                };
                ticket?.RecordInDoubt(ambiguous);
                throw ambiguous;
            }
            return null;
        }
    }

    private static Generation Adopted(Generation found, CreditEstimate? estimate)
    {
        found.EstimatedCredits ??= estimate?.High;
        return found;
    }

    private static string Times(int n) => n == 1 ? "once" : n == 2 ? "twice" : $"{n} times";

    /// <summary>The failure in a few words: the message without the advice to check, which reconciliation took.</summary>
    internal static string Reason(AdsumoException e)
    {
        var text = e.Message.Replace(RequestContext.NotResentNote, "").Trim();
        var cut = text.IndexOf(" (", StringComparison.Ordinal);
        text = (cut > 0 ? text.Substring(0, cut) : text).Trim().TrimEnd('.');
        if (e.StatusCode is { } status) return $"{status}{(e.ErrorCode is null ? "" : " " + e.ErrorCode)}: {text}";
        // "POST /path failed after 1 attempt in 0.02 s: the connection was reset": the path is said already.
        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0 && text.StartsWith("POST ", StringComparison.Ordinal) ? text.Substring(colon + 2) : text;
    }
}
