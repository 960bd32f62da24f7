using System.Management.Automation;
using Adsumo.Infrastructure;

namespace Adsumo.Commands;

/// <summary>
/// Gets the team's products, all of them or by id.
/// </summary>
/// <remarks>
/// Without -Id, lists every product, newest first, writing each page of 100 as it arrives; -First, -Skip and
/// -IncludeTotalCount page on the server, and a pipeline that stops early (Select-Object -First 3) stops the paging.
/// With -Id (or ids and products from the pipeline), gets each one; a malformed id (Adsumo.InvalidId) or one that
/// does not exist (Adsumo.NotFound) is that id's non-terminating error, and the others still come.
/// </remarks>
/// <example>
/// <code>Get-AdsumoProduct</code>
/// <para>Lists every product of the team.</para>
/// </example>
/// <example>
/// <code>Get-AdsumoProduct -First 10 -Skip 20 -IncludeTotalCount</code>
/// <para>The third page of ten, after the total number of products.</para>
/// </example>
/// <example>
/// <code>Get-AdsumoProduct -Id 550e8400-e29b-41d4-a716-446655440000</code>
/// <para>Gets one product.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "AdsumoProduct", DefaultParameterSetName = ListSet, SupportsPaging = true)]
[OutputType(typeof(Product))]
public sealed class GetAdsumoProductCommand : AdsumoApiCmdlet
{
    private const string ListSet = "List";
    private const string ByIdSet = "ById";

    /// <summary>
    /// The ids of the products to get. Takes ids and products from the pipeline.
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ProductId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = [];

    private protected override void Process()
    {
        if (ParameterSetName == ListSet)
        {
            ListWriter.WriteAll(this, Client.ListProducts(PagingParameters.Skip, PagingParameters.First), PagingParameters, "products");
            return;
        }
        ById.WriteEach(this, Id, "product", (client, id, call) => client.GetProductAsync(id, call));
    }
}
