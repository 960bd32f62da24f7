using System.Management.Automation;
using Adsumo.Infrastructure;

namespace Adsumo.Commands;

/// <summary>
/// Forgets the current runspace's Adsumo connection.
/// </summary>
/// <remarks>
/// After it, Adsumo cmdlets in this runspace use -Connection, or the ADSUMO_API_KEY environment variable, or fail
/// with Adsumo.NotConnected. Connections passed around as objects keep working. Other runspaces are not affected.
/// </remarks>
/// <example>
/// <code>Disconnect-Adsumo</code>
/// <para>Forgets the default connection.</para>
/// </example>
/// <example>
/// <code>Connect-Adsumo -ApiKey $key; Get-AdsumoCredit; Disconnect-Adsumo</code>
/// <para>Connects for one check and disconnects again.</para>
/// </example>
[Cmdlet(VerbsCommunications.Disconnect, "Adsumo")]
[OutputType(typeof(void))]
public sealed class DisconnectAdsumoCommand : AdsumoCmdlet
{
    private protected override void End()
    {
        if (Connections.GetDefault(SessionState) is { } connection) WriteVerbose($"Disconnected from {connection.BaseUri} ({connection.ApiKey}).");
        Connections.SetDefault(SessionState, null);
    }
}
