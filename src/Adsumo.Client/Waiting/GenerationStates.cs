using System;

namespace Adsumo.Client;

/// <summary>
/// Reads a generation's status. Only completed and failed (and their common synonyms) end a wait; any other
/// value, a new one included, counts as still working, so an unknown status never ends a wait wrongly.
/// </summary>
public static class GenerationStates
{
    public static bool IsCompleted(string? status) => Is(status, "completed", "succeeded", "success", "done");

    public static bool IsFailed(string? status) => Is(status, "failed", "error", "cancelled", "canceled", "rejected");

    public static bool IsFinished(string? status) => IsCompleted(status) || IsFailed(status);

    private static bool Is(string? status, params string[] names)
    {
        if (status is null) return false;
        foreach (var name in names)
        {
            if (string.Equals(status, name, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }
}
