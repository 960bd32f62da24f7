using System;
using System.Management.Automation;
using System.Threading;

namespace Adsumo.Infrastructure;

/// <summary>
/// What every Adsumo cmdlet shares: a token that StopProcessing cancels (so Ctrl+C ends every request, wait and
/// download at once), the pump that writes the HTTP core's reports on the pipeline thread, and error records.
/// </summary>
public abstract class AdsumoCmdlet : PSCmdlet
{
    private readonly CancellationTokenSource _stopping = new();
    private CallPump? _pump;

    internal CancellationToken StoppingToken => _stopping.Token;

    internal CallPump Pump => _pump ??= new CallPump(this, _stopping.Token);

    /// <inheritdoc />
    protected override void StopProcessing() => _stopping.Cancel();

    /// <inheritdoc />
    protected sealed override void BeginProcessing() => Guard(Begin, perItem: false);

    /// <inheritdoc />
    protected sealed override void ProcessRecord() => Guard(Process, perItem: true);

    /// <inheritdoc />
    protected sealed override void EndProcessing() => Guard(End, perItem: false);

    /// <summary>Runs once before the first pipeline item.</summary>
    private protected virtual void Begin() { }

    /// <summary>Runs for each pipeline item.</summary>
    private protected virtual void Process() { }

    /// <summary>Runs once after the last pipeline item.</summary>
    private protected virtual void End() { }

    /// <summary>
    /// A failure of one pipeline item: reported, and the pipeline goes on; unless it makes the whole command
    /// meaningless (the key was refused: every other item would be refused too), which ends the command.
    /// </summary>
    internal void WriteFailure(Exception exception, object? target, string? context = null, string? advice = null)
    {
        var record = ErrorRecords.From(exception, target, context, advice);
        if (EndsCommand(exception)) ThrowTerminatingError(record);
        WriteError(record);
    }

    /// <summary>
    /// Does the work of one item (a pipeline object, one element of an array argument): whatever goes wrong with
    /// it, bad input, an error from the service or anything unexpected, is that item's non-terminating error, with
    /// its specific error id and <paramref name="target"/> as the target, and the next item goes on. A stop
    /// (Ctrl+C, -ErrorAction Stop, a consumer that has enough) still stops.
    /// </summary>
    internal void ForItem(object? target, Action work, Func<Exception, string?>? advice = null)
    {
        try
        {
            work();
        }
        catch (Exception e) when (IsFailure(e))
        {
            WriteFailure(e, target, advice: advice?.Invoke(e));
        }
    }

    /// <summary>A failure that ends the command, such as bad input.</summary>
    internal void ThrowFailure(Exception exception, object? target, string? context = null) =>
        ThrowTerminatingError(ErrorRecords.From(exception, target, context));

    /// <summary>
    /// Whether an action that removes something may go ahead: -Force skips the confirmation, but -WhatIf (or
    /// $WhatIfPreference) and an explicit -Confirm still apply.
    /// </summary>
    internal bool ShouldProceed(bool force, string target, string action)
    {
        var bound = MyInvocation.BoundParameters;
        var whatIf = bound.TryGetValue("WhatIf", out var w) ? ((SwitchParameter)w).IsPresent : IsTrue(GetVariableValue("WhatIfPreference"));
        var confirm = bound.TryGetValue("Confirm", out var c) && ((SwitchParameter)c).IsPresent;
        if (force && !whatIf && !confirm) return true;
        return ShouldProcess(target, action);
    }

    private static bool IsTrue(object? value) => value is bool b ? b : value is SwitchParameter s && s.IsPresent;

    // A stop is a stop, not an error. A failure of the module's own that no step handled ends the command with its
    // proper error id. Anything else unexpected (a raw System.* exception) becomes an Adsumo.Unexpected error with
    // the exception inside: while processing a pipeline item it is that item's error and the pipeline goes on.
    private void Guard(Action step, bool perItem)
    {
        try
        {
            step();
        }
        catch (OperationCanceledException) when (IsStopping)
        {
            throw new PipelineStoppedException();
        }
        catch (Exception e) when (e is AdsumoException or AdsumoInputException)
        {
            ThrowFailure(e, null);
        }
        catch (Exception e) when (IsFailure(e))
        {
            if (perItem) WriteFailure(e, null);
            else ThrowFailure(e, null);
        }
    }

    private bool IsStopping => _stopping.IsCancellationRequested || Stopping;

    /// <summary>
    /// Whether an exception is a failure to report, rather than PowerShell's own flow (a stop, -ErrorAction Stop, a
    /// terminating error of a command further down the pipeline, which all derive from RuntimeException) or a stop.
    /// </summary>
    internal bool IsFailure(Exception e) => e is not RuntimeException && !(e is OperationCanceledException && IsStopping);

    /// <summary>Failures after which no other item can succeed: the key was refused (401), or the team may not use the API (403).</summary>
    private static bool EndsCommand(Exception e) => e is AdsumoException { Kind: AdsumoErrorKind.Unauthorized or AdsumoErrorKind.Forbidden };
}
