using System.Management.Automation;
using Adsumo.Client;
using Adsumo.Infrastructure;

namespace Adsumo.Commands;

/// <summary>
/// Creates a product.
/// </summary>
/// <remarks>
/// <para>Every field is checked before anything is sent: the name may have at most 200 characters, the category 200
/// and the description 5000; the image and link must be absolute http or https URLs of at most 2048 characters, the
/// currency three letters (ISO 4217, USD when omitted), the price zero or more. The image itself (its size, its
/// format) is for the service to check. The product is created once: the
/// request is never sent again after it may have reached the service. Accepts products from the pipeline by
/// property name, so a CSV of products can be imported with Import-Csv; empty cells mean not given.</para>
/// <para>A price is a number, or text that reads the same in every culture: digits with a dot for decimals (29.99).
/// Text such as 29,99 from a European spreadsheet is refused with Adsumo.InvalidPrice instead of becoming 2999, as
/// PowerShell's own conversion would make it; so are thousands separators (1,299.00, 1.299,00) and a dot before
/// exactly three digits (1.299, which may mean 1299).</para>
/// <para>Leading and trailing spaces of the name, description and category are removed before sending, so the cell
/// ' Trail Bottle ' makes a product named 'Trail Bottle'; compare trimmed names when looking for it.</para>
/// <para>The API has no update, and it never refuses a second product of the same name: running the same import
/// twice makes every product twice. To create only what is missing, list the products once and skip the rows whose
/// name exists already, as in the third example (Get-AdsumoProduct -Name finds one by name).</para>
/// </remarks>
/// <example>
/// <code>New-AdsumoProduct -Name 'Trail Bottle' -Description 'Insulated, 750 ml' -Category Outdoor -ImageUrl https://example.com/bottle.png -Price 29.99</code>
/// <para>Creates a product priced in US dollars.</para>
/// </example>
/// <example>
/// <code>Import-Csv products.csv | New-AdsumoProduct</code>
/// <para>Creates one product per row of a CSV with Name, Description, Category and ImageUrl columns.</para>
/// </example>
/// <example>
/// <code>$existing = @{}
/// Get-AdsumoProduct | ForEach-Object { $existing[$_.Name] = $_ }
/// Import-Csv products.csv |
///     Where-Object { -not $existing.ContainsKey($_.Name.Trim()) } |
///     New-AdsumoProduct |
///     ForEach-Object { $existing[$_.Name] = $_; $_ }</code>
/// <para>Creates only the rows whose product does not exist yet (names compared trimmed and without case), so the
/// import can run every night without making duplicates; a name repeated in the CSV is created once.</para>
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

    /// <summary>
    /// The price, zero or more: a number, or text with a dot for decimals such as 29.99 (as in a CSV cell). Text that
    /// reads differently across cultures (29,99, 1,299.00, 1.299) is refused with Adsumo.InvalidPrice rather than
    /// guessed; an empty cell means no price.
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public object? Price { get; set; }

    /// <summary>The ISO 4217 currency code of the price; USD when omitted.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Currency { get; set; }

    /// <summary>A URL of the product page.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Link { get; set; }

    private protected override object? CurrentTarget => Name;

    private protected override void Process()
    {
        var price = Input.Price(Price is PSObject wrapped ? wrapped.BaseObject : Price, nameof(Price));
        var draft = new ProductDraft
        {
            Name = Name, Description = Description, Category = Category, ImageUrl = ImageUrl,
            Price = price, Currency = NullIfEmpty(Currency), Link = NullIfEmpty(Link),
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
