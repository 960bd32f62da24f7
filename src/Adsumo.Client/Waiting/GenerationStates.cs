using System;
using Adsumo.Client.Http;

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
    /// The error for a generation that failed: its id (the one asked for, not the one the service wrote), type,
    /// status and reason, all from the service and so sanitized here, in one place for Wait and Save alike.
    /// </summary>
    public static AdsumoException Failure(string id, Generation generation, string? consequence = null)
    {
        var reason = string.IsNullOrWhiteSpace(generation.ErrorMessage) ? "the service gave no reason" : Sanitize.Text(generation.ErrorMessage);
        return new AdsumoException(AdsumoErrorKind.GenerationFailed, $"Generation {id} ({Shown(generation.Type)}) {Shown(generation.Status)}{consequence}: {reason}");
    }

    /// <summary>The refusal to save a generation still working, naming its status as the service gave it (sanitized).</summary>
    public static AdsumoInputException NotReady(string id, Generation generation) =>
        new(ErrorReason.GenerationNotReady, "Id", $"Generation {id} is still {(string.IsNullOrWhiteSpace(generation.Status) ? "processing" : Shown(generation.Status))}; wait for it first: Wait-AdsumoGeneration -Id {id} | Save-AdsumoGeneration");

    /// <summary>
    /// The error for an answer about another generation than the one asked for: its file or status would be
    /// mistaken for the one wanted, so it is used for nothing.
    /// </summary>
    public static AdsumoException OtherGeneration(string id, Generation generation) =>
        new(AdsumoErrorKind.InvalidResponse, $"Asked for generation {id}, the service answered about '{Sanitize.Text(generation.Id, 60)}'; the answer was not used.");

    /// <summary>Whether an answer is about the generation asked for (ids compare without case).</summary>
    public static bool IsAbout(string id, Generation generation) => string.Equals(id, generation.Id, StringComparison.OrdinalIgnoreCase);

    private static string Shown(string? value) => string.IsNullOrWhiteSpace(value) ? "unknown" : Sanitize.Text(value, 60);

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
