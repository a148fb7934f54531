using System.Net;
using System.Net.Sockets;

namespace Studio.Tests.Support;

/// <summary>A loopback port nothing listens on now: for a test server, or for an endpoint that must refuse.</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
