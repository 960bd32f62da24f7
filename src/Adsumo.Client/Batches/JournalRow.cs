using System;
using System.Collections.Generic;

namespace Adsumo.Client;

/// <summary>What a journal knows of one submission, folded from its records in order.</summary>
internal sealed class JournalRow
{
    private static readonly Dictionary<string, int> Rank = new(StringComparer.Ordinal)
    {
        [JournalState.InDoubt] = 0,
        [JournalState.NotCreated] = 0,
        [JournalState.Submitted] = 1,
        [JournalState.Completed] = 2,
        [JournalState.Failed] = 2,
        [JournalState.Saved] = 3,
    };

    public JournalRow(string key) => Key = key;

    public string Key { get; }
    public string State { get; private set; } = JournalState.InDoubt;
    public string? Endpoint { get; set; }
    public string? CanonicalBody { get; set; }
    public string? Request { get; set; }
    public int? CreditsLow { get; set; }
    public int? CreditsHigh { get; set; }
    public int Sends { get; set; }
    public DateTimeOffset? FirstIntentAt { get; set; }
    public DateTimeOffset? LastIntentAt { get; set; }
    public string? GenerationId { get; set; }
    public string? VoiceoverId { get; set; }
    public double? VoiceoverDuration { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string? SavedPath { get; set; }
    public DateTimeOffset? SavedAt { get; set; }
    public string? ErrorId { get; set; }
    public string? Error { get; set; }
    public string[] Candidates { get; set; } = [];

    /// <summary>A lost answer this session registered for it when the journal was opened, until a run reconciles it.</summary>
    public SubmissionLedger.LostAnswer? OpenLost { get; set; }

    public bool IsMade => GenerationId is not null || VoiceoverId is not null;

    /// <summary>The identity of its request, when an intent recorded it.</summary>
    public string? Fingerprint => Endpoint is null || CanonicalBody is null ? null : Endpoint + "\n" + CanonicalBody;

    /// <summary>A new send: the row is in doubt until its answer is recorded.</summary>
    public void Intent()
    {
        if (!IsMade) State = JournalState.InDoubt;
    }

    /// <summary>Refused for certain: the next run sends it again.</summary>
    public void NotCreated()
    {
        if (!IsMade) State = JournalState.NotCreated;
    }

    /// <summary>Moves the state forward; a made submission never goes back.</summary>
    public void Advance(string state)
    {
        if (Rank[state] >= Rank[State]) State = state;
    }

    public JournalEntry ToEntry() => new()
    {
        Key = Key,
        State = State,
        GenerationId = GenerationId,
        VoiceoverId = VoiceoverId,
        Request = Request,
        Endpoint = Endpoint,
        EstimatedCredits = CreditsHigh,
        Sends = Sends,
        SubmittedAt = FirstIntentAt,
        AnsweredAt = AnsweredAt,
        FinishedAt = FinishedAt,
        SavedPath = SavedPath,
        SavedAt = SavedAt,
        ErrorId = ErrorId,
        Error = Error,
        CandidateIds = Candidates,
    };
}
