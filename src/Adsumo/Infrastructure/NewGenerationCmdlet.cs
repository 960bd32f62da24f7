using System.Management.Automation;
using Adsumo.Client;

namespace Adsumo.Infrastructure;

/// <summary>
/// What the creation cmdlets share: the draft is checked before anything is sent and priced from the published
/// prices (-Estimate writes that as an object and sends nothing; the confirmation says what it will spend;
/// -MaxCredits refuses a request estimated above a bound), all decided on the pipeline thread; then up to
/// -ThrottleLimit are sent at once, each written as its answer comes. A lost answer is reconciled in the HTTP core.
/// With -Journal a killed run can be started again without paying twice; with -Wait every generation of the
/// pipeline is waited on together and written as it completes.
/// </summary>
public abstract class NewGenerationCmdlet : BatchCreationCmdlet
{
    private WaitDriver? _waiter;

    /// <summary>
    /// Waits for the generations to finish and writes them as they complete, instead of at once. One that fails, or
    /// is still processing at -TimeoutSeconds, is an error written after all the others have ended (so a script
    /// under $ErrorActionPreference = 'Stop' loses none of them); -IncludeFailed writes it as an object instead.
    /// </summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary>With -Wait: how long to wait in all, in seconds; 0 waits without limit. Default 3600.</summary>
    [Parameter]
    [ValidateRange(0.0, 604800.0)]
    public double TimeoutSeconds { get; set; } = 3600;

    /// <summary>With -Wait: how often each generation is polled, in seconds. Default 5.</summary>
    [Parameter]
    [ValidateRange(0.05, 3600.0)]
    public double PollIntervalSeconds { get; set; } = 5;

    /// <summary>
    /// With -Wait: writes generations that failed (Status failed, with ErrorMessage) or that are still processing
    /// at -TimeoutSeconds (with a warning) as objects, instead of as errors, as Wait-Job does. See
    /// Wait-AdsumoGeneration -IncludeFailed.
    /// </summary>
    [Parameter]
    public SwitchParameter IncludeFailed { get; set; }

    /// <summary>
    /// The pipeline object this item came from (a CSV row, a product), named as the target of its errors and the
    /// Input of its estimate. Bound from the pipeline; not meant to be given by hand.
    /// </summary>
    [Parameter(ValueFromPipeline = true, DontShow = true)]
    public PSObject? InputObject { get; set; }

    /// <summary>The draft of this pipeline item, from the parameters.</summary>
    private protected abstract GenerationDraft Draft();

    /// <summary>
    /// What an item's errors and estimate are about: the pipeline object as it came (a CSV row, a product; a custom
    /// object's properties live on its wrapper, not its base), else <paramref name="subject"/> (a prompt, an id).
    /// </summary>
    private protected object InputOr(object subject) => (object?)InputObject ?? subject;

    private protected override void Process()
    {
        var draft = Draft();
        draft.Validate();
        var target = CurrentTarget!;
        var estimate = draft.Estimate();
        if (!Decide(draft.Describe(), estimate, target)) return;

        var client = Client;
        var ticket = Ticket(client, draft.Identity(), draft.Describe());
        var journalPath = ticket?.Journal.Path;
        var cost = estimate?.ToString() ?? "an unpublished number of credits";
        Submit(async call =>
        {
            var generation = await client.CreateGenerationAsync(draft, call, ticket).ConfigureAwait(false);
            Pump.Post(() => Written(generation, draft.Describe(), cost, journalPath));
        }, target);
    }

    private void Written(Generation generation, string described, string cost, string? journalPath)
    {
        if (journalPath is not null) JournalLinks.Attach(generation, journalPath);
        WriteVerbose($"Submitted {described} as generation {generation.Id}, estimated at {cost}.");
        if (!Wait)
        {
            WriteObject(generation);
            return;
        }
        _waiter ??= new WaitDriver(this, Client, PollIntervalSeconds, TimeoutSeconds, IncludeFailed);
        _waiter.Add(generation.Id, generation);
    }

    private protected override void End()
    {
        base.End();
        _waiter?.Finish();
    }
}
