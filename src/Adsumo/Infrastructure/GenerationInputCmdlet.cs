using System.Collections.Generic;
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

    /// <summary>This pipeline item's generations: checked ids, with the object when one was given.</summary>
    private protected IEnumerable<(string Id, Generation? Known)> CurrentGenerations()
    {
        if (ParameterSetName == ByObjectSet)
        {
            foreach (var generation in InputObject) yield return (Input.Id(generation.Id, nameof(InputObject), "generation id"), generation);
            yield break;
        }
        foreach (var id in Id) yield return (Input.Id(id, nameof(Id), "generation id"), null);
    }
}
