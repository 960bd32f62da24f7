namespace Adsumo;

/// <summary>
/// The states of a journal entry (<see cref="JournalEntry.State"/>), from the records the journal holds for its key.
/// Scripts can match them, as in <c>Get-AdsumoJournal -Path j.jsonl | Where-Object State -ne ([Adsumo.JournalState]::Saved)</c>.
/// </summary>
public static class JournalState
{
    /// <summary>
    /// Its request was (or was about to be) sent and no answer is recorded: the run was stopped or killed while it
    /// was in flight, or its outcome could not be decided. The next run with the journal looks for the generation it
    /// may have made before sending anything.
    /// </summary>
    public const string InDoubt = nameof(InDoubt);

    /// <summary>Its request certainly made nothing (refused, such as a 400 or a 402): the next run sends it again.</summary>
    public const string NotCreated = nameof(NotCreated);

    /// <summary>Made: its generation (or voiceover) id is recorded. The next run does not send it again.</summary>
    public const string Submitted = nameof(Submitted);

    /// <summary>Its generation completed (recorded by -Wait or Wait-AdsumoGeneration).</summary>
    public const string Completed = nameof(Completed);

    /// <summary>Its generation ended in failure; it was made and charged, and is not sent again.</summary>
    public const string Failed = nameof(Failed);

    /// <summary>Its file was saved (recorded by Save-AdsumoGeneration, or New-AdsumoVoiceover -OutFile).</summary>
    public const string Saved = nameof(Saved);
}
