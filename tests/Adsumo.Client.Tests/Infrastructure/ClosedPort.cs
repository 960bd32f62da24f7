using System.Net;
using System.Net.Sockets;

namespace Adsumo.Client.Tests.Infrastructure;

/// <summary>A loopback port nothing listens on, so that connecting to it is refused at once.</summary>
public static class ClosedPort
{
    public static int Find()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
