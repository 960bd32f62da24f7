using System;
using System.Linq;
using System.Management.Automation;
using Adsumo.Client;

namespace Adsumo.Infrastructure;

/// <summary>
/// A cmdlet that takes generations: -Id, or from the pipeline Adsumo.Generation objects (which may spare a
/// request), ids, and objects with a GenerationId or Id property. The module's other objects (a product, an avatar,
/// a voiceover) are refused as what they are, rather than sent as if their ids were generations' (a 404).
/// </summary>
public abstract class GenerationInputCmdlet : AdsumoApiCmdlet
{
    private protected const string ByIdSet = "ById";
    private protected const string ByObjectSet = "ByObject";

    // The module's objects that have an Id but are not generations, and how to name them to people.
    private static readonly (string Type, string Name)[] NotGenerations =
    [
        ("Adsumo.Product", "a product"), ("Adsumo.Avatar", "an avatar"), ("Adsumo.Voiceover", "a voiceover"),
        ("Adsumo.Voice", "a voice"), ("Adsumo.CreditBalance", "a credit balance"), ("Adsumo.Connection", "a connection"),
    ];

    /// <summary>The ids of the generations.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet)]
    [Alias("GenerationId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = [];

    /// <summary>
    /// Generations from the pipeline: Adsumo.Generation objects as Get-AdsumoGeneration and the creation cmdlets
    /// write them, ids, or objects with a GenerationId or Id property (a webhook event, a CSV row, a generation
    /// read back from JSON or CliXml). A product, avatar or voiceover is refused with Adsumo.NotAGeneration.
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = ByObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public PSObject[] InputObject { get; set; } = [];

    /// <summary>
    /// Hands each of this pipeline item's generations to <paramref name="handle"/>, with its checked id and the object
    /// when one was given. A problem with one (a malformed id, a failure while handling it) is that generation's
    /// non-terminating error, its target the generation object when there is one, else the id; the others go on.
    /// </summary>
    private protected void ForEachGeneration(Action<string, Generation?> handle)
    {
        if (ParameterSetName == ByObjectSet)
        {
            foreach (var item in InputObject)
            {
                // A custom object (a CSV row) is its own best description; anything else is what it wraps.
                var target = item.BaseObject is PSCustomObject ? item : item.BaseObject;
                Each(target, () =>
                {
                    var (id, known) = FromPipeline(item);
                    handle(id, known);
                });
            }
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

    private (string Id, Generation? Known) FromPipeline(PSObject item)
    {
        if (item.BaseObject is Generation generation) return (Input.Id(generation.Id, nameof(InputObject), "generation id"), generation);
        if (item.BaseObject is string text) return (Input.Id(text, nameof(InputObject), "generation id"), null);
        var kind = NotGenerations.FirstOrDefault(n => item.TypeNames.Any(t => t == n.Type || t == "Deserialized." + n.Type));
        if (kind.Name is not null)
        {
            var id = PropertyText(item, "Id");
            var name = PropertyText(item, "Name");
            var shown = name is null ? id : $"'{name}', {id}";
            throw new AdsumoInputException(ErrorReason.NotAGeneration, nameof(InputObject),
                $"That is {kind.Name} ({SafeText.Quote(shown ?? "no id")}), not a generation: its id is not a generation's. " +
                $"{MyInvocation.MyCommand.Name} takes generations (from Get-AdsumoGeneration or the New-Adsumo* creation cmdlets), their ids, or objects with a GenerationId.");
        }
        var named = PropertyText(item, "GenerationId") ?? PropertyText(item, "Id") ?? Convert.ToString(item.BaseObject, System.Globalization.CultureInfo.InvariantCulture);
        return (Input.Id(named, nameof(InputObject), "generation id"), null);
    }

    private static string? PropertyText(PSObject item, string name) =>
        item.Properties[name]?.Value is { } value && Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) is { Length: > 0 } text ? text : null;
}
