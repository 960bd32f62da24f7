using System.Management.Automation;
using Adsumo.Client;
using Adsumo.Completion;
using Adsumo.Infrastructure;

namespace Adsumo.Commands;

/// <summary>
/// Starts product shots: images of one of the team's products in a style template.
/// </summary>
/// <remarks>
/// Products piped from Get-AdsumoProduct bind to -ProductId. -StyleId is a style template's slug, such as
/// lifestyle-outdoor. Priced as images (fast 1/2/2, pro 2/2/4 credits per image at 1k/2k/4k, times quantity). The
/// confirmation says what it will spend and -MaxCredits refuses a request estimated above a bound. With -Wait, every
/// product's shots are made side by side and written as they complete.
/// </remarks>
/// <example>
/// <code>Get-AdsumoProduct | New-AdsumoProductShot -StyleId lifestyle-outdoor -Model fast -AspectRatio 1:1 -Wait | Save-AdsumoGeneration -Path ./ads</code>
/// <para>One shot of every product, saved into ./ads as each is done.</para>
/// </example>
/// <example>
/// <code>New-AdsumoProductShot -ProductId $product.Id -StyleId studio-white -Model pro -AspectRatio 4:5 -Quantity 2 -Resolution 2k -AdditionalPrompt 'soft shadows'</code>
/// <para>Two 2k studio shots of one product (4 credits).</para>
/// </example>
[Cmdlet(VerbsCommon.New, "AdsumoProductShot", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(Generation))]
public sealed class NewAdsumoProductShotCommand : NewGenerationCmdlet
{
    /// <summary>The product's id. Takes products (and their Id) from the pipeline.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ProductIdCompleter))]
    public string ProductId { get; set; } = "";

    /// <summary>The style template's slug, such as lifestyle-outdoor.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(StyleIdCompleter))]
    public string StyleId { get; set; } = "";

    /// <summary>fast or pro.</summary>
    [Parameter(Mandatory = true)]
    [ValidateSet(Choices.Fast, Choices.Pro)]
    public string Model { get; set; } = "";

    /// <summary>The aspect ratio as width:height, such as 1:1.</summary>
    [Parameter(Mandatory = true)]
    [ArgumentCompleter(typeof(AspectRatioCompleter))]
    public string AspectRatio { get; set; } = "";

    /// <summary>How many images, 1 to 8. Default 1.</summary>
    [Parameter]
    [ValidateRange(1, 8)]
    public int Quantity { get; set; } = 1;

    /// <summary>1k (the default), 2k or 4k.</summary>
    [Parameter]
    [ValidateSet(Choices.Resolution1k, Choices.Resolution2k, Choices.Resolution4k)]
    public string Resolution { get; set; } = Choices.Resolution1k;

    /// <summary>Extra direction for the scene.</summary>
    [Parameter]
    public string? AdditionalPrompt { get; set; }

    private protected override object? CurrentTarget => ProductId;

    private protected override GenerationDraft Draft() => new ProductShotDraft
    {
        ProductId = ProductId, StyleId = StyleId, Model = Model, AspectRatio = AspectRatio, Quantity = Quantity,
        Resolution = Resolution, AdditionalPrompt = string.IsNullOrEmpty(AdditionalPrompt) ? null : AdditionalPrompt,
    };
}
