using System.Management.Automation;
using Adsumo.Client;
using Adsumo.Infrastructure;

namespace Adsumo.Commands;

/// <summary>
/// Waits for generations to finish, all at once, writing each as soon as it completes.
/// </summary>
/// <remarks>
/// <para>Takes generation ids or objects from the pipeline and starts waiting on each as it arrives, polling them side by
/// side (not one after another). Each completed generation is written the moment it completes, so the next command
/// (Save-AdsumoGeneration) can start on it while the others are still being made. A generation object that has
/// already ended is passed on without a request. Ids alone are enough, so a runbook that restarts can resume waiting
/// on the ids it saved; objects with a GenerationId or Id property (a webhook event, a CSV row) work too. A product,
/// avatar or voiceover piped in by mistake is refused as Adsumo.NotAGeneration, before anything is sent, rather
/// than polled as if its id were a generation's. Shows one progress bar of how many are done in interactive
/// sessions. Ctrl+C stops it at once, even in the middle of a long poll interval.</para>
/// <para>Waiting on many generations costs few requests: each round (every -PollIntervalSeconds) it lists the team's
/// processing generations, a page of 100 per request, and reads by id only those of its own that have left the
/// list, for their result and details. When the team has far more processing than is waited on (other runbooks'
/// work), or only a few are waited on, it asks for each by id instead (-PollBy chooses for it).</para>
/// <para>One failed generation never ends the wait for the others. By default a failed generation is a non-terminating
/// Adsumo.GenerationFailed error carrying the service's reason, and one still processing when -TimeoutSeconds runs
/// out is an Adsumo.WaitTimeout error; these errors are written after every other generation has ended and been
/// written, and their target is the generation object (with its EstimatedCredits and Details), not just its id.
/// So under $ErrorActionPreference = 'Stop' every completed generation has already gone down the pipeline (and been
/// saved, in ... | Save-AdsumoGeneration) when the first such error stops the script, and the failures stay loud:
/// they land in $Error and in the job's error stream even when nobody reads the output.</para>
/// <para>With -IncludeFailed, the Wait-Job way, every generation comes out as an object and no error is written for a
/// failed or timed-out one: a failed one has Status failed and the reason in ErrorMessage; one the time ran out on
/// has Status processing (its last state read) and also writes a warning. A runbook under 'Stop' then sorts them by
/// Status. An id that does not exist, or an object that is not a generation, is still an error for that item.</para>
/// </remarks>
/// <example>
/// <code>Get-AdsumoGeneration -Status processing | Wait-AdsumoGeneration | Save-AdsumoGeneration -Path ./ads</code>
/// <para>Waits for everything in progress and saves each file as soon as it is done.</para>
/// </example>
/// <example>
/// <code>Get-Content ids.txt | Wait-AdsumoGeneration -TimeoutSeconds 600 -PollIntervalSeconds 10</code>
/// <para>Resumes waiting, in a new process, on ids a previous run saved, for at most ten minutes.</para>
/// </example>
/// <example>
/// <code>$ErrorActionPreference = 'Stop'
/// $results = $generations | Wait-AdsumoGeneration -IncludeFailed -TimeoutSeconds 1800
/// $results | Where-Object Status -eq completed | Save-AdsumoGeneration -Path ./ads
/// $results | Where-Object Status -ne completed | Select-Object Id, Status, ErrorMessage, EstimatedCredits | Export-Csv ./failed.csv</code>
/// <para>A runbook under 'Stop': every generation comes back as an object, the completed ones are saved and the
/// others (failed, or still processing after 30 minutes) are listed with their reasons, without stopping the script.</para>
/// </example>
[Cmdlet(VerbsLifecycle.Wait, "AdsumoGeneration", DefaultParameterSetName = ByObjectSet)]
[OutputType(typeof(Generation))]
public sealed class WaitAdsumoGenerationCommand : GenerationInputCmdlet
{
    private WaitDriver? _driver;

    /// <summary>How long to wait in all, in seconds; 0 waits without limit. Default 3600.</summary>
    [Parameter]
    [ValidateRange(0.0, 604800.0)]
    public double TimeoutSeconds { get; set; } = 3600;

    /// <summary>How often each generation is polled, in seconds. Default 5.</summary>
    [Parameter]
    [ValidateRange(0.05, 3600.0)]
    public double PollIntervalSeconds { get; set; } = 5;

    /// <summary>
    /// Writes generations that failed (Status failed, with ErrorMessage) or that are still processing at
    /// -TimeoutSeconds (Status processing, with a warning) as objects instead of errors, as Wait-Job does, so that
    /// a script under $ErrorActionPreference = 'Stop' gets every generation back and sorts them by Status.
    /// </summary>
    [Parameter]
    public SwitchParameter IncludeFailed { get; set; }

    /// <summary>
    /// How to learn that generations ended. Auto (the default) lists the team's processing generations each round
    /// and reads by id only those of ours that left the list, when that costs fewer requests than asking for each;
    /// else it asks for each. List always lists; Id always asks for each, one request per generation per interval.
    /// </summary>
    [Parameter]
    [ValidateSet("Auto", "List", "Id")]
    public string PollBy { get; set; } = "Auto";

    private protected override void Begin() =>
        _driver = new WaitDriver(this, Client, PollIntervalSeconds, TimeoutSeconds, IncludeFailed, PollBy switch
        {
            "List" => WaitStrategy.ByList,
            "Id" => WaitStrategy.ById,
            _ => WaitStrategy.Auto,
        });

    private protected override void Process()
    {
        ForEachGeneration((id, known) => _driver!.Add(id, known));
    }

    private protected override void End() => _driver!.Finish();
}
