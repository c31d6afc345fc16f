using System.Net;
using System.Net.Sockets;

namespace Cinema.Integration.Tests.Infrastructure;

/// <summary>Ports that are free for both UDP and TCP on loopback right now (the kernel picks them).</summary>
public static class FreePorts
{
    private static readonly object Gate = new();
    private static readonly HashSet<int> Handed = [];

    public static int Next() => Take(1);

    /// <summary>A port that is free, with the one after it, for both UDP and TCP: baresip binds SIP/TLS on the next one.</summary>
    public static int NextPair() => Take(2);

    private static int Take(int count)
    {
        lock (Gate)
        {
            for (var attempt = 0; attempt < 200; attempt++)
            {
                int port;
                using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
                {
                    probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                    port = ((IPEndPoint)probe.LocalEndPoint!).Port;
                }
                if (port + count - 1 > IPEndPoint.MaxPort || !Enumerable.Range(port, count).All(IsFree)) continue;
                for (var p = port; p < port + count; p++) Handed.Add(p);
                return port;
            }
        }
        throw new InvalidOperationException("no free port found");
    }

    private static bool IsFree(int port)
    {
        if (Handed.Contains(port)) return false;
        try
        {
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
