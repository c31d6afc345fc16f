using System.Net;
using System.Net.Sockets;
using Cinema.Sip.Transport;

namespace Cinema.Sip.Tests.Transport;

/// <summary>A phone's UDP socket on loopback.</summary>
internal sealed class UdpPeer : IDisposable
{
    private readonly Socket _socket;

    public UdpPeer(IPAddress? address = null)
    {
        address ??= IPAddress.Loopback;
        _socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(address, 0));
        EndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    public IPEndPoint EndPoint { get; }

    public int Port => EndPoint.Port;

    /// <summary>How this peer's address is written in a Via sent-by.</summary>
    public string SentBy => (EndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{EndPoint.Address}]" : EndPoint.Address.ToString()) + ":" + Port;

    public Task SendAsync(byte[] datagram, SipEndPoint to) => SendAsync(datagram, to.Address);

    public async Task SendAsync(byte[] datagram, IPEndPoint to) =>
        await _socket.SendToAsync(datagram, SocketFlags.None, to, TestContext.Current.CancellationToken);

    public async Task<(byte[] Data, IPEndPoint From)> ReceiveAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Eventually.Deadline);
        var buffer = new byte[65_536];
        var result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(
            EndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0), timeout.Token);
        return (buffer[..result.ReceivedBytes], (IPEndPoint)result.RemoteEndPoint);
    }

    public async Task<string> ReceiveTextAsync() => SipText.Text((await ReceiveAsync()).Data);

    /// <summary>True when a datagram is already waiting.</summary>
    public bool HasPending => _socket.Available > 0;

    public void Dispose() => _socket.Dispose();
}
