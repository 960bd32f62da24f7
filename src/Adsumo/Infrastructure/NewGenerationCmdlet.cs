using System.Management.Automation;
using Adsumo.Client;

namespace Adsumo.Infrastructure;

/// <summary>
/// What the creation cmdlets share: the draft is checked before anything is sent, priced from the published
/// prices (the confirmation says what it will spend, -MaxCredits refuses a request estimated above a bound), sent
/// once, and written at once; with -Wait every generation of the pipeline is waited on together and written as it
/// completes.
/// </summary>
public abstract class NewGenerationCmdlet : AdsumoApiCmdlet
{
    private WaitDriver? _waiter;

    /// <summary>Refuses, before sending, a request whose estimated cost is above this many credits.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? MaxCredits { get; set; }

    /// <summary>Waits for the generations to finish and writes them as they complete, instead of at once.</summary>
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

    /// <summary>The draft of this pipeline item, from the parameters.</summary>
    private protected abstract GenerationDraft Draft();

    private protected override void Process()
    {
        var draft = Draft();
        draft.Validate();
        var estimate = draft.Estimate();
        var cost = estimate?.ToString() ?? "an unpublished number of credits";
        if (MaxCredits is { } max && (estimate is null || estimate.High > max))
        {
            var why = estimate is null ? "its price is not published" : $"it may cost {estimate} ({estimate.Basis})";
            WriteFailure(new AdsumoInputException(ErrorReason.CreditLimitExceeded, nameof(MaxCredits),
                $"Not sending the {draft.Describe()}: {why}, above -MaxCredits {max}."), CurrentTarget);
            return;
        }
        if (!ShouldProcess(draft.Describe(), $"Create, spending {cost}")) return;

        var client = Client;
        Generation generation;
        try
        {
            generation = Pump.Run(call => client.CreateGenerationAsync(draft, call));
        }
        catch (AdsumoException e)
        {
            WriteFailure(e, CurrentTarget, advice: MayHaveBeenCreated(e) ? LostAnswerAdvice(draft.Describe()) : null);
            return;
        }
        WriteVerbose($"Submitted {draft.Describe()} as generation {generation.Id}, estimated at {cost}.");
        if (!Wait)
        {
            WriteObject(generation);
            return;
        }
        _waiter ??= new WaitDriver(this, client, PollIntervalSeconds, TimeoutSeconds);
        _waiter.Add(generation.Id, generation);
    }

    private protected override void End() => _waiter?.Finish();

    /// <summary>
    /// Whether a failed submission may have reached the service and been carried out: a 5xx, a dropped connection,
    /// a timeout or an unreadable answer all can come after the work was done. The module never resends such a
    /// request (it would pay twice); the core's message says so, and the advice says where to look.
    /// </summary>
    internal static bool MayHaveBeenCreated(AdsumoException e) => e.Kind is AdsumoErrorKind.ServerError
        or AdsumoErrorKind.NetworkError or AdsumoErrorKind.Timeout or AdsumoErrorKind.InvalidResponse;

    internal static string LostAnswerAdvice(string what) =>
        $"The {what} may have been created (and charged) all the same: look for it with Get-AdsumoGeneration before trying again.";
}
