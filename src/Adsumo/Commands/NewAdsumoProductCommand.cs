using System.Management.Automation;
using Adsumo.Client;
using Adsumo.Infrastructure;

namespace Adsumo.Commands;

/// <summary>
/// Creates a product.
/// </summary>
/// <remarks>
/// Every field is checked before anything is sent: the image and link must be absolute http or https URLs, the
/// currency three letters (ISO 4217, USD when omitted), the price zero or more. The product is created once: the
/// request is never sent again after it may have reached the service. Accepts products from the pipeline by
/// property name, so a CSV of products can be imported with Import-Csv.
/// </remarks>
/// <example>
/// <code>New-AdsumoProduct -Name 'Trail Bottle' -Description 'Insulated, 750 ml' -Category Outdoor -ImageUrl https://example.com/bottle.png -Price 29.99</code>
/// <para>Creates a product priced in US dollars.</para>
/// </example>
/// <example>
/// <code>Import-Csv products.csv | New-AdsumoProduct</code>
/// <para>Creates one product per row of a CSV with Name, Description, Category and ImageUrl columns.</para>
/// </example>
[Cmdlet(VerbsCommon.New, "AdsumoProduct", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(Product))]
public sealed class NewAdsumoProductCommand : AdsumoApiCmdlet
{
    /// <summary>The product name.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>A description of the product.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Description { get; set; } = "";

    /// <summary>The product category, such as Electronics or Clothing.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Category { get; set; } = "";

    /// <summary>A public URL of the product image (at most 10 MB).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string ImageUrl { get; set; } = "";

    /// <summary>The price, zero or more.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public decimal? Price { get; set; }

    /// <summary>The ISO 4217 currency code of the price; USD when omitted.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Currency { get; set; }

    /// <summary>A URL of the product page.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Link { get; set; }

    private protected override object? CurrentTarget => Name;

    private protected override void Process()
    {
        var draft = new ProductDraft
        {
            Name = Name, Description = Description, Category = Category, ImageUrl = ImageUrl,
            Price = Price, Currency = NullIfEmpty(Currency), Link = NullIfEmpty(Link),
        };
        draft.Validate();
        if (!ShouldProcess(draft.Name, "Create product")) return;
        var client = Client;
        try
        {
            WriteObject(Pump.Run(call => client.CreateProductAsync(draft, call)));
        }
        catch (AdsumoException e)
        {
            WriteFailure(e, Name);
        }
    }

    // Import-Csv gives empty strings for empty cells: those mean "not given".
    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
