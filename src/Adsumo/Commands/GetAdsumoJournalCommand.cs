using System;
using System.Linq;
using System.Management.Automation;
using Adsumo.Client;
using Adsumo.Infrastructure;

namespace Adsumo.Commands;

/// <summary>
/// Reads a batch journal back: one entry per submission, with its state, generation id, estimated credits, times
/// and saved file.
/// </summary>
/// <remarks>
/// The journal is the JSON Lines file the creation cmdlets' -Journal writes. Each entry's State is InDoubt (sent,
/// no answer recorded: the next run looks for what it made), NotCreated (refused: the next run sends it again),
/// Submitted, Completed, Failed or Saved; see about_Adsumo_Batches. Entries pipe into Wait-AdsumoGeneration and
/// Save-AdsumoGeneration by their GenerationId. Needs no connection. A journal that another process is writing is
/// refused with Adsumo.JournalInUse; one open in this session is read as it stands.
/// </remarks>
/// <example>
/// <code>Get-AdsumoJournal -Path ./nightly.jsonl | Group-Object State -NoElement</code>
/// <para>How far a batch got: how many submissions are in each state.</para>
/// </example>
/// <example>
/// <code>Get-AdsumoJournal ./nightly.jsonl -State Submitted, Completed | Wait-AdsumoGeneration | Save-AdsumoGeneration -Path ./ads -SkipExisting -Journal ./nightly.jsonl</code>
/// <para>Waits for what a batch submitted and saves what is not saved yet, recording the files in the journal.</para>
/// </example>
/// <example>
/// <code>(Get-AdsumoJournal ./nightly.jsonl | Measure-Object EstimatedCredits -Sum).Sum</code>
/// <para>What the batch's submissions were estimated to cost.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "AdsumoJournal")]
[OutputType(typeof(JournalEntry))]
public sealed class GetAdsumoJournalCommand : AdsumoCmdlet
{
    /// <summary>The journal file.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>Only entries in these states: InDoubt, NotCreated, Submitted, Completed, Failed, Saved.</summary>
    [Parameter]
    [ValidateSet("InDoubt", "NotCreated", "Submitted", "Completed", "Failed", "Saved")]
    public string[]? State { get; set; }

    private protected override void Process()
    {
        var entries = Journal.ReadEntries(FileSystemPaths.Resolve(this, Path, nameof(Path)));
        foreach (var entry in entries)
        {
            if (State is { Length: > 0 } wanted && !wanted.Any(s => string.Equals(s, entry.State, StringComparison.OrdinalIgnoreCase))) continue;
            WriteObject(entry);
        }
    }
}
