using System.Management.Automation;
using Adsumo.Infrastructure;

namespace Adsumo.Commands;

/// <summary>
/// Waits for generations to finish, all at once, writing each as soon as it completes.
/// </summary>
/// <remarks>
/// Takes generation ids or objects from the pipeline and starts waiting on each as it arrives, polling them side by
/// side (not one after another). Each completed generation is written the moment it completes, so the next command
/// (Save-AdsumoGeneration) can start on it while the others are still being made. A generation object that has
/// already ended is passed on without a request. A failed
/// generation is a non-terminating Adsumo.GenerationFailed error carrying the service's reason. When -TimeoutSeconds
/// runs out, each one still processing is an Adsumo.WaitTimeout error; those that finished are still written.
/// Ids alone are enough, so a runbook that restarts can resume waiting on the ids it saved. Shows one progress bar
/// of how many are done in interactive sessions. Ctrl+C stops it at once, even in the middle of a long poll interval.
/// </remarks>
/// <example>
/// <code>Get-AdsumoGeneration -Status processing | Wait-AdsumoGeneration | Save-AdsumoGeneration -Path ./ads</code>
/// <para>Waits for everything in progress and saves each file as soon as it is done.</para>
/// </example>
/// <example>
/// <code>Get-Content ids.txt | Wait-AdsumoGeneration -TimeoutSeconds 600 -PollIntervalSeconds 10</code>
/// <para>Resumes waiting, in a new process, on ids a previous run saved, for at most ten minutes.</para>
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

    private protected override void Begin() =>
        _driver = new WaitDriver(this, Client, PollIntervalSeconds, TimeoutSeconds);

    private protected override void Process()
    {
        ForEachGeneration((id, known) => _driver!.Add(id, known));
    }

    private protected override void End() => _driver!.Finish();
}
