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
/// does not exist (Adsumo.NotFound) is that id's non-terminating error, and the others still come. -Name (wildcards allowed, case ignored) keeps the products
/// whose name matches: the API has no name filter, so the module filters the listing as its pages arrive (still
/// streaming, and stopping the paging once -First matches are written); -Skip, -First and -IncludeTotalCount then
/// count matches. Names are trimmed when products are created, and so is the pattern. Products are not unique by
/// name: the API has no update and never refuses a second product of the same name, so look before you create (see
/// New-AdsumoProduct for an import that creates only what is missing).
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
/// <code>Get-AdsumoProduct -Id $product.Id</code>
/// <para>Gets one product.</para>
/// </example>
/// <example>
/// <code>Get-AdsumoProduct -Name 'Trail*'</code>
/// <para>The products whose names start with Trail, in any case.</para>
/// </example>
/// <example>
/// <code>Get-AdsumoProduct -Name ([WildcardPattern]::Escape('Bottle [750 ml]'))</code>
/// <para>The products named exactly Bottle [750 ml]: escaping keeps the brackets from being read as a wildcard.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "AdsumoProduct", DefaultParameterSetName = ListSet)]
[OutputType(typeof(Product))]
public sealed class GetAdsumoProductCommand : AdsumoListCmdlet
{
    private const string ListSet = ListSetName;
    private const string ByIdSet = "ById";

    /// <summary>
    /// The ids of the products to get. Takes ids and products from the pipeline.
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ProductId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = [];

    /// <summary>Only products whose name matches; wildcards allowed, case and surrounding spaces ignored (names are trimmed when created).</summary>
    [Parameter(ParameterSetName = ListSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    private protected override void Process()
    {
        if (ParameterSetName == ListSet)
        {
            // The service cannot filter by name: with -Name every page is read and paged here.
            var nameMatches = NameFilter.For(Name);
            var query = nameMatches is null ? Client.ListProducts(Paging.Skip, Paging.First) : Client.ListProducts(0, ulong.MaxValue);
            ListWriter.WriteAll(this, query, Paging, "products", nameMatches is null ? null : p => nameMatches(p.Name));
            return;
        }
        ById.WriteEach(this, Id, "product", (client, id, call) => client.GetProductAsync(id, call));
    }
}
