using System;
using System.Management.Automation;
using Adsumo.Client;

namespace Adsumo.Infrastructure;

/// <summary>
/// A cmdlet that takes generations from the pipeline, as ids (strings, or objects with an Id or GenerationId
/// property) or as Adsumo.Generation objects, which may spare a request.
/// </summary>
public abstract class GenerationInputCmdlet : AdsumoApiCmdlet
{
    private protected const string ByIdSet = "ById";
    private protected const string ByObjectSet = "ByObject";

    /// <summary>The ids of the generations. Takes ids, and objects with an Id or GenerationId property, from the pipeline.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("GenerationId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = [];

    /// <summary>Generations, as Get-AdsumoGeneration and the creation cmdlets write them.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Generation[] InputObject { get; set; } = [];

    /// <summary>
    /// Does <paramref name="work"/> for each of this pipeline item's generations, with its checked id and the object
    /// when one was given. Each is an item of its own: a malformed id, or any failure of the work, is that
    /// generation's non-terminating error, with what was given (the id, or the object) as its target.
    /// </summary>
    private protected void ForEachGeneration(Action<string, Generation?> work)
    {
        if (ParameterSetName == ByObjectSet)
        {
            foreach (var generation in InputObject) ForItem(generation, () => work(Input.Id(generation.Id, nameof(InputObject), "generation id"), generation));
            return;
        }
        foreach (var id in Id) ForItem(id, () => work(Input.Id(id, nameof(Id), "generation id"), null));
    }
}
