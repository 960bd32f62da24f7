using System.Management.Automation;
using Adsumo.Client;
using Adsumo.Completion;
using Adsumo.Infrastructure;

namespace Adsumo.Commands;

/// <summary>
/// Starts an AI video from a prompt.
/// </summary>
/// <remarks>
/// Models: sora-2, sora-2-pro, veo-3.1, veo-3.1-fast and kling-2.6. -Duration is in seconds (10 when omitted, sent
/// explicitly so the cost is known); the cost is assumed at 10 credits a second until Adsumo publishes a price. The
/// confirmation says what it will spend and -MaxCredits refuses a video estimated above a bound. Writes the new
/// generation at once, or with -Wait when it is done.
/// </remarks>
/// <example>
/// <code>New-AdsumoAIVideo -Prompt 'A bottle on a mountain summit at dawn' -Model veo-3.1-fast -AspectRatio 9:16 -Duration 8</code>
/// <para>Starts an 8-second vertical video (80 credits).</para>
/// </example>
/// <example>
/// <code>New-AdsumoAIVideo -Prompt 'Product demo' -Model sora-2 -Duration 30 -WhatIf</code>
/// <para>Shows that it would spend 300 credits, and sends nothing.</para>
/// </example>
[Cmdlet(VerbsCommon.New, "AdsumoAIVideo", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(Generation))]
public sealed class NewAdsumoAIVideoCommand : NewGenerationCmdlet
{
    /// <summary>What the video shows.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Prompt { get; set; } = "";

    /// <summary>The video model.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateSet(Choices.Sora2, Choices.Sora2Pro, Choices.Veo31, Choices.Veo31Fast, Choices.Kling26)]
    public string Model { get; set; } = "";

    /// <summary>The aspect ratio as width:height, such as 16:9 or 9:16.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(AspectRatioCompleter))]
    public string? AspectRatio { get; set; }

    /// <summary>The length in seconds; 10 when omitted.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, 600)]
    public int Duration { get; set; } = AiVideoDraft.DefaultDuration;

    private protected override object? CurrentTarget => Prompt;

    private protected override GenerationDraft Draft() =>
        new AiVideoDraft { Prompt = Prompt, Model = Model, AspectRatio = AspectRatio, Duration = Duration };
}
