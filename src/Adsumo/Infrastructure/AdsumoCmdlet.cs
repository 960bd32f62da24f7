using System;
using System.Management.Automation;
using System.Threading;

namespace Adsumo.Infrastructure;

/// <summary>
/// What every Adsumo cmdlet shares: a token that StopProcessing cancels (so Ctrl+C ends every request, wait and
/// download at once), the pump that writes the HTTP core's reports on the pipeline thread, and error records.
/// </summary>
public abstract class AdsumoCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private CallPump? _pump;
    private JournalUse? _journals;

    internal CancellationToken StoppingToken => _stopping.Token;

    internal CallPump Pump => _pump ??= new CallPump(this, _stopping.Token);

    /// <summary>The batch journals this cmdlet uses, released when PowerShell disposes it.</summary>
    internal JournalUse Journals => _journals ??= new JournalUse();

    /// <summary>Releases the journals the cmdlet held; PowerShell calls it when the pipeline ends, fails or is stopped.</summary>
    public void Dispose()
    {
        _journals?.Dispose();
        _journals = null;
    }

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

    /// <summary>
    /// Runs for each pipeline item. What it throws is that item's non-terminating error (bad input, a refusal, the
    /// unexpected), and the next item goes on; what makes the whole command meaningless (no connection, a bad
    /// -Path) it ends with <see cref="ThrowFailure"/>.
    /// </summary>
    private protected virtual void Process() { }

    /// <summary>What the current pipeline item's errors are about (an id, a name, a prompt): their target object.</summary>
    private protected virtual object? CurrentTarget => null;

    /// <summary>Runs once after the last pipeline item.</summary>
    private protected virtual void End() { }

    /// <summary>
    /// A failure of one pipeline item: reported, and the pipeline goes on; unless it makes the whole command
    /// meaningless, which ends it: the key was refused (401), or the team may not use the API (403), so every other
    /// item would only be refused in turn.
    /// </summary>
    internal void WriteFailure(Exception exception, object? target, string? context = null, string? advice = null)
    {
        var record = ErrorRecords.From(exception, target, context, advice);
        if (exception is AdsumoException { Kind: AdsumoErrorKind.Unauthorized or AdsumoErrorKind.Forbidden }) ThrowTerminatingError(record);
        WriteError(record);
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

    // A stop is a stop, not an error. A failure of one item is that item's error; a failure before the first item or
    // after the last ends the command. Whatever the failure, its record has an Adsumo.* id: an exception the module
    // did not foresee is wrapped (Adsumo.Unexpected, the original inside), never let out raw.
    private void Guard(Action step, bool perItem)
    {
        try
        {
            step();
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested || Stopping)
        {
            throw new PipelineStoppedException();
        }
        catch (Exception e) when (IsPowerShells(e))
        {
            throw;
        }
        catch (Exception e) when (perItem)
        {
            WriteFailure(e, CurrentTarget);
        }
        catch (Exception e)
        {
            ThrowFailure(e, CurrentTarget);
        }
    }

    // PowerShell's own exceptions carry the pipeline's control flow: a stop, -ErrorAction Stop, a terminating error
    // already recorded, a downstream command that failed while this one wrote to it. They go on as they are.
    private static bool IsPowerShells(Exception e) => e is RuntimeException or FlowControlException;
}
