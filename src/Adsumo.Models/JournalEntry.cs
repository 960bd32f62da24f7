using System;

namespace Adsumo;

/// <summary>
/// One submission of a batch as its journal records it: what was asked for, and how far it got. Written by
/// Get-AdsumoJournal; its GenerationId pipes into Wait-AdsumoGeneration and Save-AdsumoGeneration.
/// </summary>
public sealed class JournalEntry
{
    /// <summary>
    /// The submission's identity: the -JournalKey given, or the endpoint, a hash of the request and its occurrence
    /// among identical requests of the run (text-to-image:3f9a1c2b5d7e#1).
    /// </summary>
    public string Key { get; internal set; } = "";

    /// <summary>InDoubt, NotCreated, Submitted, Completed, Failed or Saved (see <see cref="JournalState"/>).</summary>
    public string State { get; internal set; } = JournalState.InDoubt;

    /// <summary>The generation it made, once known.</summary>
    public string? GenerationId { get; internal set; }

    /// <summary>The voiceover it made, for a voiceover.</summary>
    public string? VoiceoverId { get; internal set; }

    /// <summary>What was asked for, such as "image (fast, 1k, 1:1, 1 image)".</summary>
    public string? Request { get; internal set; }

    /// <summary>The endpoint below the base URI, such as images/text-to-image.</summary>
    public string? Endpoint { get; internal set; }

    /// <summary>The most the request was estimated to cost, from the published prices; null when not published.</summary>
    public int? EstimatedCredits { get; internal set; }

    /// <summary>How many times its request was sent (each send first recorded as an intent).</summary>
    public int Sends { get; internal set; }

    /// <summary>When its request was first about to be sent (this machine's clock).</summary>
    public DateTimeOffset? SubmittedAt { get; internal set; }

    /// <summary>When its generation id was recorded.</summary>
    public DateTimeOffset? AnsweredAt { get; internal set; }

    /// <summary>When its generation was seen completed or failed.</summary>
    public DateTimeOffset? FinishedAt { get; internal set; }

    /// <summary>Where its file was saved.</summary>
    public string? SavedPath { get; internal set; }

    /// <summary>When its file was saved.</summary>
    public DateTimeOffset? SavedAt { get; internal set; }

    /// <summary>The error id of its last failure (Adsumo.InvalidRequest, Adsumo.OutcomeAmbiguous, ...), if any.</summary>
    public string? ErrorId { get; internal set; }

    /// <summary>The message of its last failure, or the reason its generation failed.</summary>
    public string? Error { get; internal set; }

    /// <summary>For an ambiguous outcome, the generations that match it.</summary>
    public string[] CandidateIds { get; internal set; } = [];

    /// <inheritdoc />
    public override string ToString() => Key;
}
