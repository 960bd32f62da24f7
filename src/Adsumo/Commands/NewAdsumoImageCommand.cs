using System.Management.Automation;
using Adsumo.Client;
using Adsumo.Completion;
using Adsumo.Infrastructure;

namespace Adsumo.Commands;

/// <summary>
/// Starts images from a prompt.
/// </summary>
/// <remarks>
/// Models fast and pro; 1 to 8 images; resolution 1k (the default), 2k or 4k. Costs per image, times quantity:
/// fast 1/2/2 and pro 2/2/4 credits at 1k/2k/4k. The confirmation says what it will spend and -MaxCredits refuses a
/// request estimated above a bound. Writes the new generation at once, or with -Wait when it is done.
/// </remarks>
/// <example>
/// <code>New-AdsumoImage -Prompt 'A steel bottle on a wooden table' -Model pro -AspectRatio 1:1 -Quantity 4 -Resolution 4k</code>
/// <para>Four 4k images with the pro model (16 credits).</para>
/// </example>
/// <example>
/// <code>'red', 'blue' | ForEach-Object { New-AdsumoImage -Prompt "A $_ bottle" -Model fast -AspectRatio 9:16 } | Wait-AdsumoGeneration | Save-AdsumoGeneration -Path ./images</code>
/// <para>Two images made side by side and saved as each completes.</para>
/// </example>
[Cmdlet(VerbsCommon.New, "AdsumoImage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(Generation))]
public sealed class NewAdsumoImageCommand : NewGenerationCmdlet
{
    /// <summary>What the images show.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Prompt { get; set; } = "";

    /// <summary>fast or pro.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateSet(Choices.Fast, Choices.Pro)]
    public string Model { get; set; } = "";

    /// <summary>The aspect ratio as width:height, such as 1:1, 16:9 or 9:16.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(AspectRatioCompleter))]
    public string AspectRatio { get; set; } = "";

    /// <summary>How many images, 1 to 8. Default 1.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, 8)]
    public int Quantity { get; set; } = 1;

    /// <summary>1k (the default), 2k or 4k.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateSet(Choices.Resolution1k, Choices.Resolution2k, Choices.Resolution4k)]
    public string Resolution { get; set; } = Choices.Resolution1k;

    private protected override object? CurrentTarget => Prompt;

    private protected override GenerationDraft Draft() => new ImageDraft
    {
        Prompt = Prompt, Model = Model, AspectRatio = AspectRatio, Quantity = Quantity, Resolution = Resolution,
    };
}
