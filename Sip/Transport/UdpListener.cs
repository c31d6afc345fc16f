using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Cinema.Sip.Transport;

/// <summary>
/// One UDP socket: receives datagrams into a reused buffer and hands each one on as an exact-size copy (the parsed
/// message keeps a reference to its bytes), and sends from the same socket, so that our source port is our listen
/// port and responses and NAT bindings come back to it (RFC 3261 §18.1.1, RFC 3581 §4).
/// </summary>
internal sealed class UdpListener : IDisposable
{
    // Larger than any IPv4 or IPv6 UDP payload (65,507 / 65,527 bytes).
    private const int ReceiveBufferBytes = 65_536;

    private readonly Socket _socket;
    private readonly ILogger _logger;

    private UdpListener(Socket socket, SipEndPoint local, ILogger logger)
    {
        _socket = socket;
        Local = local;
        _logger = logger;
    }

    /// <summary>The bound address and port (the real port when 0 was asked for).</summary>
    public SipEndPoint Local { get; }

    public AddressFamily Family => Local.Address.AddressFamily;

    public static UdpListener Open(IPEndPoint bindTo, int? receiveBufferBytes, ILogger logger)
    {
        var socket = new Socket(bindTo.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            // Separate sockets per family, so udp:0.0.0.0:5060 and udp:[::]:5060 can both be listed.
            if (bindTo.AddressFamily == AddressFamily.InterNetworkV6) socket.DualMode = false;
            if (OperatingSystem.IsWindows())
            {
                // SIO_UDP_CONNRESET off: on Windows an ICMP port unreachable would otherwise fail the next receive.
                socket.IOControl(unchecked((int)0x9800000C), [0, 0, 0, 0], null);
            }

            if (receiveBufferBytes is { } size) socket.ReceiveBufferSize = size;
            socket.Bind(bindTo);
            return new UdpListener(socket, new SipEndPoint(SipTransportKind.Udp, (IPEndPoint)socket.LocalEndPoint!), logger);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Receives until the socket is closed. A socket error on one datagram (an ICMP error reported late, a
    /// truncated datagram) is logged and the loop goes on.
    /// </summary>
    public async Task ReceiveLoopAsync(Func<UdpListener, byte[], IPEndPoint, ValueTask> onDatagram, CancellationToken stopping)
    {
        var buffer = GC.AllocateUninitializedArray<byte>(ReceiveBufferBytes, pinned: true);
        var address = new SocketAddress(_socket.AddressFamily);
        var template = Family == AddressFamily.InterNetwork ? new IPEndPoint(IPAddress.Any, 0) : new IPEndPoint(IPAddress.IPv6Any, 0);
        // The source of the previous datagram: a peer usually sends several in a row (a trunk, a proxy, a phone's
        // request and its ACK), and every transaction keeps its request's source for 32 s, so one shared endpoint
        // rather than a new one per datagram. Endpoints are never changed once made.
        IPEndPoint? lastSource = null;
        var lastAddress = new SocketAddress(_socket.AddressFamily);
        while (!stopping.IsCancellationRequested)
        {
            int received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, address, stopping).ConfigureAwait(false);
            }
            catch (Exception e) when (stopping.IsCancellationRequested || e is ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                SipTransportLog.UdpReceiveError(_logger, Local, e.SocketErrorCode);
                continue;
            }

            if (received == 0) continue;
            IPEndPoint source;
            if (lastSource is not null && address.Equals(lastAddress))
            {
                source = lastSource;
            }
            else
            {
                source = (IPEndPoint)template.Create(address);
                address.Buffer.Span[..address.Size].CopyTo(lastAddress.Buffer.Span);
                lastAddress.Size = address.Size;
                lastSource = source;
            }
            try
            {
                await onDatagram(this, buffer.AsSpan(0, received).ToArray(), source).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // One bad datagram must not end the receive loop.
            catch (Exception e) when (!stopping.IsCancellationRequested)
#pragma warning restore CA1031
            {
                SipTransportLog.DatagramFailed(_logger, e, source);
            }
        }
    }

    /// <summary>Sends one datagram; failures become a <see cref="SendResult"/> (RFC 3261 §18.4 transport errors).</summary>
    public async ValueTask<SendResult> SendAsync(ReadOnlyMemory<byte> datagram, IPEndPoint destination, CancellationToken cancellationToken)
    {
        try
        {
            await _socket.SendToAsync(datagram, SocketFlags.None, destination, cancellationToken).ConfigureAwait(false);
            return SendResult.Ok;
        }
        catch (SocketException e)
        {
            return SendResult.Failed($"UDP send to {destination} failed: {e.SocketErrorCode}");
        }
        catch (ObjectDisposedException)
        {
            return SendResult.Failed("the UDP listener is closed");
        }
    }

    public void Dispose() => _socket.Dispose();
}
