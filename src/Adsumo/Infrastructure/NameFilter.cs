using System;
using System.Management.Automation;

namespace Adsumo.Infrastructure;

/// <summary>
/// The -Name filter of the Get cmdlets (the API has none): a wildcard pattern matched without case. The pattern is
/// trimmed as names are when they are created, so ' Trail Bottle ' finds the product made from that CSV cell. A
/// name with wildcard characters of its own ([, ], *, ?) is matched literally with [WildcardPattern]::Escape.
/// </summary>
internal static class NameFilter
{
    /// <summary>Null when no pattern was given, so that callers skip the filter (and can list on the server).</summary>
    public static Func<string?, bool>? For(string? pattern)
    {
        if (pattern is null) return null;
        var wildcard = new WildcardPattern(pattern.Trim(), WildcardOptions.IgnoreCase);
        return name => wildcard.IsMatch(name?.Trim() ?? "");
    }
}
