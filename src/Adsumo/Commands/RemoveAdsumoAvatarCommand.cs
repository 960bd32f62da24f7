using System.Management.Automation;
using Adsumo.Infrastructure;

namespace Adsumo.Commands;

/// <summary>
/// Deletes custom avatars.
/// </summary>
/// <remarks>
/// Asks for confirmation unless -Force is given; -WhatIf sends nothing. Platform avatars cannot be deleted. An
/// avatar used by video generations cannot be deleted: that is a non-terminating Adsumo.Conflict error.
/// </remarks>
/// <example>
/// <code>Remove-AdsumoAvatar -Id $avatar.Id -Force</code>
/// <para>Deletes one custom avatar without asking.</para>
/// </example>
/// <example>
/// <code>Get-AdsumoAvatar -Type Custom -Name 'Test*' | Remove-AdsumoAvatar -WhatIf</code>
/// <para>Shows which test avatars would be deleted.</para>
/// </example>
[Cmdlet(VerbsCommon.Remove, "AdsumoAvatar", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveAdsumoAvatarCommand : AdsumoApiCmdlet
{
    /// <summary>The ids of the custom avatars to delete. Takes ids and avatars from the pipeline.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("AvatarId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = [];

    /// <summary>Deletes without asking for confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    private protected override void Process() =>
        Removal.RemoveEach(this, Id, Force, "custom avatar", (client, id, call) => client.DeleteCustomAvatarAsync(id, call),
            id => $"Avatar {id} is used by video generations, so it cannot be deleted.");
}
