using System.Management.Automation;
using Adsumo.Infrastructure;

namespace Adsumo.Commands;

/// <summary>
/// Deletes products.
/// </summary>
/// <remarks>
/// Asks for confirmation unless -Force is given; -WhatIf shows what would be deleted and sends nothing. A product
/// that still has generations cannot be deleted: that is a non-terminating Adsumo.Conflict error, and the other
/// products are still deleted; so is a malformed id (Adsumo.InvalidId) or one not found (Adsumo.NotFound). Takes ids
/// and products from the pipeline, so Get-AdsumoProduct | Remove-AdsumoProduct -Force deletes them all (the listing
/// copes with the list shrinking under it).
/// </remarks>
/// <example>
/// <code>Remove-AdsumoProduct -Id $product.Id</code>
/// <para>Deletes one product after asking.</para>
/// </example>
/// <example>
/// <code>Get-AdsumoProduct | Where-Object Category -eq 'Discontinued' | Remove-AdsumoProduct -Force</code>
/// <para>Deletes every product of a category without asking.</para>
/// </example>
[Cmdlet(VerbsCommon.Remove, "AdsumoProduct", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveAdsumoProductCommand : AdsumoApiCmdlet
{
    /// <summary>The ids of the products to delete. Takes ids and products from the pipeline.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ProductId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = [];

    /// <summary>Deletes without asking for confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    private protected override void Process() =>
        Removal.RemoveEach(this, Id, Force, "product", (client, id, call) => client.DeleteProductAsync(id, call),
            id => $"Product {id} still has generations, so it cannot be deleted.");
}
