using System.Management.Automation;

namespace Adsumo.Infrastructure;

/// <summary>
/// A cmdlet that lists: -First, -Skip and -IncludeTotalCount in its List parameter set only. PowerShell's
/// SupportsPaging would add them to every set, where a by-id set would take them and ignore them; declared here, a
/// by-id set has none, and they mean the same on every list.
/// </summary>
public abstract class AdsumoListCmdlet : AdsumoApiCmdlet
{
    /// <summary>The parameter set that lists; a cmdlet's other sets (by id) take no paging.</summary>
    internal const string ListSetName = "List";

    /// <summary>Gets only the given number of objects, from the start of the list. All of them when omitted.</summary>
    [Parameter(ParameterSetName = ListSetName)]
    public ulong? First { get; set; }

    /// <summary>Skips the given number of objects, then gets the rest. None when omitted.</summary>
    [Parameter(ParameterSetName = ListSetName)]
    public ulong? Skip { get; set; }

    /// <summary>Writes the total number of objects (a number with an Accuracy) before the objects themselves.</summary>
    [Parameter(ParameterSetName = ListSetName)]
    public SwitchParameter IncludeTotalCount { get; set; }

    /// <summary>The paging asked for.</summary>
    internal Paging Paging => new(First ?? ulong.MaxValue, Skip ?? 0, IncludeTotalCount);
}
