using System.Management.Automation;
using Adsumo.Infrastructure;

namespace Adsumo.Commands;

/// <summary>
/// Shows the connection Adsumo cmdlets use in this runspace.
/// </summary>
/// <remarks>
/// Writes the connection set by Connect-Adsumo in the current runspace, or, when there is none, the one the
/// ADSUMO_API_KEY environment variable provides; nothing when neither exists. The key is shown masked to its
/// prefix and last four characters.
/// </remarks>
/// <example>
/// <code>Get-AdsumoConnection</code>
/// <para>Shows the base URI, the masked key and where the connection came from.</para>
/// </example>
/// <example>
/// <code>if (-not (Get-AdsumoConnection)) { Connect-Adsumo -ApiKey $key }</code>
/// <para>Connects only when no connection is available.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "AdsumoConnection")]
[OutputType(typeof(Connection))]
public sealed class GetAdsumoConnectionCommand : AdsumoCmdlet
{
    private protected override void End()
    {
        var connection = Connections.GetDefault(SessionState) ?? Connections.FromEnvironmentVariables();
        if (connection is not null) WriteObject(connection);
    }
}
