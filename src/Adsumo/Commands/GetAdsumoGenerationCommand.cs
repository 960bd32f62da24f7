using System.Management.Automation;
using Adsumo.Infrastructure;

namespace Adsumo.Commands;

/// <summary>
/// Gets generations: a filtered, paged list, or single ones by id with their details.
/// </summary>
/// <remarks>
/// Without -Id, lists the team's generations, newest first, optionally of one -Type and -Status, page by page as
/// they arrive; -First, -Skip and -IncludeTotalCount page on the server. With -Id (or ids and generations from the
/// pipeline), gets each one with its type-specific Details and a fresh result URL.
/// </remarks>
/// <example>
/// <code>Get-AdsumoGeneration -Status processing</code>
/// <para>Every generation still being made.</para>
/// </example>
/// <example>
/// <code>Get-AdsumoGeneration -Status processing | Wait-AdsumoGeneration | Save-AdsumoGeneration -Path ./ads</code>
/// <para>Waits for everything in progress and saves each file as soon as it is done.</para>
/// </example>
/// <example>
/// <code>Get-AdsumoGeneration -Type image -First 5</code>
/// <para>The five newest image generations.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "AdsumoGeneration", DefaultParameterSetName = ListSet)]
[OutputType(typeof(Generation))]
public sealed class GetAdsumoGenerationCommand : AdsumoListCmdlet
{
    private const string ListSet = ListSetName;
    private const string ByIdSet = "ById";

    /// <summary>The ids of the generations to get. Takes ids and generations from the pipeline.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("GenerationId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = [];

    /// <summary>Only generations of this type.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateSet("talking-avatar", "ai-video", "image")]
    public string? Type { get; set; }

    /// <summary>Only generations with this status.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateSet("processing", "completed", "failed")]
    public string? Status { get; set; }

    private protected override void Process()
    {
        if (ParameterSetName == ListSet)
        {
            ListWriter.WriteAll(this, Client.ListGenerations(Type?.ToLowerInvariant(), Status?.ToLowerInvariant(), Paging.Skip, Paging.First), Paging, "generations");
            return;
        }
        ById.WriteEach(this, Id, "generation", (client, id, call) => client.GetGenerationAsync(id, call));
    }
}
