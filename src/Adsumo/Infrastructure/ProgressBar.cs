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
    private readonly int _activityId;
    private readonly string _activity;
    private string _status = "Starting";
    private int _percent = -1;
    private readonly Stopwatch _sinceLast = new();
    private readonly bool _visible;

    public ProgressBar(PSCmdlet cmdlet, string activity)
    {
        _cmdlet = cmdlet;
        _activityId = System.Threading.Interlocked.Increment(ref _nextId);
        _activity = activity;
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
        _status = status;
        _percent = percent < 0 ? -1 : percent > 100 ? 100 : percent;
        _cmdlet.WriteProgress(Record(ProgressRecordType.Processing));
        _sinceLast.Restart();
    }

    /// <summary>Removes the bar.</summary>
    public void Complete()
    {
        if (!_visible || !_sinceLast.IsRunning) return;
        _cmdlet.WriteProgress(Record(ProgressRecordType.Completed));
    }

    // A new record each time: hosts and the Progress stream of a [powershell] instance keep the records they are
    // given, and one record changed in place would rewrite the history they hold.
    private ProgressRecord Record(ProgressRecordType type) =>
        new(_activityId, _activity, _status) { PercentComplete = _percent, RecordType = type };
}
