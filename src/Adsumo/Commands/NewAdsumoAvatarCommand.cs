using System.Management.Automation;
using Adsumo.Client;
using Adsumo.Infrastructure;

namespace Adsumo.Commands;

/// <summary>
/// Creates a custom avatar from a face image.
/// </summary>
/// <remarks>
/// The name may have at most 50 characters and the image must be a public http or https URL of a face (at most
/// 10 MB); both are checked before anything is sent. The avatar can then star in talking-avatar videos with
/// -AvatarType Custom.
/// </remarks>
/// <example>
/// <code>New-AdsumoAvatar -Name 'Ava from Sales' -ImageUrl https://example.com/ava.jpg -Description 'Friendly, for demos'</code>
/// <para>Creates a custom avatar.</para>
/// </example>
/// <example>
/// <code>New-AdsumoAvatar -Name Test -ImageUrl https://example.com/face.png -WhatIf</code>
/// <para>Shows what would be created and sends nothing.</para>
/// </example>
[Cmdlet(VerbsCommon.New, "AdsumoAvatar", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(Avatar))]
public sealed class NewAdsumoAvatarCommand : AdsumoApiCmdlet
{
    /// <summary>The avatar's name, at most 50 characters.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>A public URL of a face image (at most 10 MB).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string ImageUrl { get; set; } = "";

    /// <summary>A description of the avatar.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Description { get; set; }

    private protected override object? CurrentTarget => Name;

    private protected override void Process()
    {
        var draft = new AvatarDraft { Name = Name, ImageUrl = ImageUrl, Description = string.IsNullOrEmpty(Description) ? null : Description };
        draft.Validate();
        if (!ShouldProcess(draft.Name, "Create custom avatar")) return;
        var client = Client;
        try
        {
            WriteObject(Pump.Run(call => client.CreateCustomAvatarAsync(draft, call)));
        }
        catch (AdsumoException e)
        {
            WriteFailure(e, Name);
        }
    }
}
