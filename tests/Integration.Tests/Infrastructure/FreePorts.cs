using System.Net;
using System.Net.Sockets;

namespace Cinema.Integration.Tests.Infrastructure;

/// <summary>Ports that are free for both UDP and TCP on loopback right now (the kernel picks them).</summary>
public static class FreePorts
{
    private static readonly object Gate = new();
    private static readonly HashSet<int> Handed = [];

    public static int Next()
    {
        lock (Gate)
        {
            for (var attempt = 0; attempt < 200; attempt++)
            {
                using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                tcp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                var port = ((IPEndPoint)tcp.LocalEndPoint!).Port;
                if (Handed.Contains(port)) continue;
                try
                {
                    using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                    udp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                }
                catch (SocketException)
                {
                    continue;
                }
                Handed.Add(port);
                return port;
            }
        }
        throw new InvalidOperationException("no free port found");
    }
}
