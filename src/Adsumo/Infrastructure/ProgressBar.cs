using System.Diagnostics;
using System.Management.Automation;

namespace Adsumo.Infrastructure;

/// <summary>
/// One progress bar, updated at most a few times a second (each update costs the host a redraw), and only where
/// someone can see it: not when $ProgressPreference silences it, and not in a host without a user interface.
/// </summary>
internal sealed class ProgressBar
{
    private static int _nextId = 1000;
    private readonly PSCmdlet _cmdlet;
    private readonly ProgressRecord _record;
    private readonly Stopwatch _sinceLast = new();
    private readonly bool _visible;

    public ProgressBar(PSCmdlet cmdlet, string activity)
    {
        _cmdlet = cmdlet;
        _record = new ProgressRecord(System.Threading.Interlocked.Increment(ref _nextId), activity, "Starting");
        var preference = cmdlet.GetVariableValue("ProgressPreference");
        var silenced = preference is ActionPreference p && (p == ActionPreference.SilentlyContinue || p == ActionPreference.Ignore)
            || preference?.ToString() is "SilentlyContinue" or "Ignore";
        _visible = !silenced && cmdlet.Host?.UI is not null;
    }

    /// <summary>Shows the status; throttled unless <paramref name="force"/>.</summary>
    public void Update(string status, int percent, bool force = false)
    {
        if (!_visible) return;
        if (!force && _sinceLast.IsRunning && _sinceLast.ElapsedMilliseconds < 250) return;
        _record.StatusDescription = status;
        _record.PercentComplete = percent < 0 ? -1 : percent > 100 ? 100 : percent;
        _record.RecordType = ProgressRecordType.Processing;
        _cmdlet.WriteProgress(_record);
        _sinceLast.Restart();
    }

    /// <summary>Removes the bar.</summary>
    public void Complete()
    {
        if (!_visible || !_sinceLast.IsRunning) return;
        _record.RecordType = ProgressRecordType.Completed;
        _cmdlet.WriteProgress(_record);
    }
}
