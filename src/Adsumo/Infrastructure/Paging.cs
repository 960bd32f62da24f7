using System;
using System.Management.Automation;

namespace Adsumo.Infrastructure;

/// <summary>-First, -Skip and -IncludeTotalCount as a list was asked for them.</summary>
internal readonly struct Paging
{
    public Paging(ulong first, ulong skip, bool includeTotalCount)
    {
        First = first;
        Skip = skip;
        IncludeTotalCount = includeTotalCount;
    }

    public ulong First { get; }

    public ulong Skip { get; }

    public bool IncludeTotalCount { get; }

    /// <summary>
    /// The total written first with -IncludeTotalCount, in the shape PowerShell's own paging gives it: the number,
    /// with an Accuracy from 0 (unknown) to 1 (exact), shown as text that says which.
    /// </summary>
    public static PSObject TotalCount(ulong total, double accuracy)
    {
        var result = new PSObject(total);
        result.Properties.Add(new PSNoteProperty("Accuracy", Math.Max(0.0, Math.Min(1.0, accuracy))));
        result.Methods.Add(new PSScriptMethod("ToString", ScriptBlock.Create(
            "switch ($this.Accuracy) { { $_ -ge 1.0 } { 'Total count: ' + $this.PSObject.BaseObject } { $_ -le 0.0 } { 'Unknown total count' } default { 'Estimated total count: ' + $this.PSObject.BaseObject } }")));
        return result;
    }
}
