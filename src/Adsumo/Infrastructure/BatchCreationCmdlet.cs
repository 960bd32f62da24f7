using System;
using System.Management.Automation;
using System.Threading.Tasks;
using Adsumo.Client;

namespace Adsumo.Infrastructure;

/// <summary>
/// What every creation cmdlet (generations and voiceovers) shares for batches: -Estimate, -MaxCredits and the
/// confirmation decided per item on the pipeline thread; up to -ThrottleLimit requests in flight; and -Journal with
/// -JournalKey, which make a killed run resumable without paying twice.
/// </summary>
public abstract class BatchCreationCmdlet : AdsumoApiCmdlet
{
    /// <summary>How many requests are in flight at once unless -ThrottleLimit says otherwise.</summary>
    public const int DefaultThrottleLimit = 8;

    private SubmissionQueue? _queue;
    private JournalRun? _journalRun;

    /// <summary>Refuses, before sending, a request whose estimated cost is above this many credits.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? MaxCredits { get; set; }

    /// <summary>
    /// Writes what each request would cost, as an Adsumo.CostEstimate, and sends nothing. Needs no connection, so a
    /// batch can be priced first: Import-Csv rows.csv | New-AdsumoImage ... -Estimate | Measure-Object -Sum Credits.
    /// </summary>
    [Parameter]
    public SwitchParameter Estimate { get; set; }

    /// <summary>
    /// How many requests are sent at once, 1 to 64; default 8. Results are written as their answers come; 1 sends one
    /// at a time and keeps the input's order.
    /// </summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

    /// <summary>
    /// A journal file (JSON Lines) that makes the run resumable: each request is recorded before it is sent and its
    /// answer after, so a run started again with the same journal sends nothing twice: what was made is written (read
    /// afresh), what was in flight when the run died is looked for first. One process at a time; see about_Adsumo_Batches.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Journal { get; set; }

    /// <summary>
    /// The submission's name in the journal, such as a SKU (bind it from a CSV column with -JournalKey { $_.Sku }).
    /// Without it a submission is named by its request and its occurrence among identical requests of the run.
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? JournalKey { get; set; }

    /// <summary>
    /// Whether this item goes ahead: -Estimate writes its estimate instead, -MaxCredits refuses it (its own error),
    /// and -WhatIf or -Confirm may decline it. On the pipeline thread, before anything is sent.
    /// </summary>
    private protected bool Decide(string described, CreditEstimate? estimate, object target)
    {
        if (Estimate)
        {
            if (estimate is null)
            {
                WriteFailure(new AdsumoInputException(ErrorReason.InvalidValue, "Estimate", $"The price of the {described} is not published."), target);
                return false;
            }
            WriteObject(new CostEstimate
            {
                Credits = estimate.High, CreditsLow = estimate.Low, CreditsHigh = estimate.High, Exact = estimate.IsExact,
                Basis = estimate.Basis, Request = described, Input = target,
            });
            return false;
        }
        if (MaxCredits is { } max && (estimate is null || estimate.High > max))
        {
            var why = estimate is null ? "its price is not published" : $"it may cost {estimate} ({estimate.Basis})";
            WriteFailure(new AdsumoInputException(ErrorReason.CreditLimitExceeded, nameof(MaxCredits),
                $"Not sending the {described}: {why}, above -MaxCredits {max}."), target);
            return false;
        }
        var cost = estimate?.ToString() ?? "an unpublished number of credits";
        return ShouldProcess(described, $"Create, spending {cost}");
    }

    /// <summary>This item's journal ticket, numbered in input order; null without -Journal.</summary>
    private protected JournalTicket? Ticket(AdsumoClient client, RequestIdentity identity, string described)
    {
        if (Journal is null) return null;
        // Opened with the first item that is sent, so -WhatIf and -Estimate never create a journal.
        _journalRun ??= Journals.Acquire(FileSystemPaths.Resolve(this, Journal, nameof(Journal)), client).BeginRun();
        return _journalRun.Ticket(identity, described, string.IsNullOrEmpty(JournalKey) ? null : JournalKey);
    }

    /// <summary>Sends one item when a slot is free; its failures are its own non-terminating errors, naming <paramref name="target"/>.</summary>
    private protected void Submit(Func<CallContext, Task> work, object target)
    {
        _queue ??= new SubmissionQueue(this, ThrottleLimit);
        _queue.Start(async call =>
        {
            try
            {
                await work(call).ConfigureAwait(false);
            }
            catch (AdsumoException e)
            {
                Pump.Post(() => WriteFailure(e, target));
            }
            catch (AdsumoInputException e) when (e.Reason is ErrorReason.InvalidJournal or ErrorReason.JournalInUse)
            {
                // Without its journal the run can promise nothing more: it ends.
                Pump.Post(() => ThrowFailure(e, target));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Pump.Post(() => WriteFailure(e, target));
            }
        });
    }

    private protected override void End() => _queue?.Finish();
}
