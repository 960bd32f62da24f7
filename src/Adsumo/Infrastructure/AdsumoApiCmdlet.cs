using System.Management.Automation;
using Adsumo.Client;

namespace Adsumo.Infrastructure;

/// <summary>A cmdlet that calls the API: it takes -Connection, else uses the runspace's default or the environment.</summary>
public abstract class AdsumoApiCmdlet : AdsumoCmdlet
{
    private AdsumoClient? _client;

    /// <summary>
    /// The connection to use, from Connect-Adsumo -PassThru. Without it, the current runspace's connection from
    /// Connect-Adsumo is used, else one made from the ADSUMO_API_KEY (and ADSUMO_BASE_URI) environment variables.
    /// </summary>
    [Parameter]
    [ValidateNotNull]
    public Connection? Connection { get; set; }

    /// <summary>The client of the connection in force; a terminating error when there is none.</summary>
    internal AdsumoClient Client => _client ??= ResolveClient();

    private AdsumoClient ResolveClient()
    {
        var connection = Connection ?? Connections.GetDefault(SessionState) ?? Connections.FromEnvironmentVariables();
        if (connection is null) ThrowTerminatingError(ErrorRecords.NotConnected());
        return Connections.ClientOf(connection!);
    }
}
