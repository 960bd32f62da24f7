using System.Management.Automation;
using Adsumo.Client;
using Adsumo.Infrastructure;

namespace Adsumo.Commands;

/// <summary>
/// Creates a custom avatar from a face image.
/// </summary>
/// <remarks>
/// The name (at most 50 characters), the image URL (absolute http or https, at most 2048 characters) and the
/// description (at most 5000 characters) are checked before anything is sent; that the image is a face of at most
/// 10 MB is for the service to check. Leading and trailing spaces of the name are removed first (and do not count
/// towards the 50), so ' Ava ' makes an avatar named 'Ava' (Get-AdsumoAvatar -Name trims its pattern the same way).
/// The avatar can then star in talking-avatar videos with -AvatarType Custom.
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
