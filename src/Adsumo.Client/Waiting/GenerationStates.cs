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

    /// <summary>
    /// Why a generation ended without a result, in words safe to show: its type, status and reason come from the
    /// service, so each is sanitized (no escapes, no direction overrides) and bounded. The id is the one asked for.
    /// </summary>
    public static string DescribeFailure(string id, Generation generation)
    {
        var type = SafeText.Line(generation.Type, 40);
        var status = SafeText.Line(generation.Status, 40);
        var reason = SafeText.Line(generation.ErrorMessage);
        return $"Generation {id}{(type.Length == 0 ? "" : $" ({type})")} {(status.Length == 0 ? "failed" : status)}: {(reason.Length == 0 ? "the service gave no reason" : reason)}";
    }

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
