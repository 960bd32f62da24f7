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
    /// Hands each of this pipeline item's generations to <paramref name="handle"/>, with its checked id and the object
    /// when one was given. A problem with one (a malformed id, a failure while handling it) is that generation's
    /// non-terminating error, its target the generation object when there is one, else the id; the others go on.
    /// </summary>
    private protected void ForEachGeneration(Action<string, Generation?> handle)
    {
        if (ParameterSetName == ByObjectSet)
        {
            foreach (var generation in InputObject) Each(generation, () => handle(Input.Id(generation.Id, nameof(InputObject), "generation id"), generation));
            return;
        }
        foreach (var id in Id) Each(id, () => handle(Input.Id(id, nameof(Id), "generation id"), null));
    }

    private void Each(object target, Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is AdsumoException or AdsumoInputException)
        {
            WriteFailure(e, target);
        }
    }
}
