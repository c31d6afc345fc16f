using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Cinema.Sip.Transport;

/// <summary>A listening TCP socket for tcp: or tls: entries; hands each accepted socket to the transport layer.</summary>
internal sealed class StreamListener : IDisposable
{
    private readonly Socket _socket;
    private readonly ILogger _logger;

    private StreamListener(Socket socket, SipEndPoint local, ILogger logger)
    {
        _socket = socket;
        Local = local;
        _logger = logger;
    }

    public SipEndPoint Local { get; }

    public static StreamListener Open(SipTransportKind transport, IPEndPoint bindTo, ILogger logger)
    {
        var socket = new Socket(bindTo.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (bindTo.AddressFamily == AddressFamily.InterNetworkV6) socket.DualMode = false;
            // A restarted server must get its port back while connections it closed are still in TIME_WAIT.
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(bindTo);
            socket.Listen(512);
            return new StreamListener(socket, new SipEndPoint(transport, (IPEndPoint)socket.LocalEndPoint!), logger);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async Task AcceptLoopAsync(Action<StreamListener, Socket> onAccepted, TimeProvider time, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket accepted;
            try
            {
                accepted = await _socket.AcceptAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception e) when (stopping.IsCancellationRequested || e is ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                // Out of file descriptors and the like: back off a little rather than spin on the error.
                SipTransportLog.AcceptFailed(_logger, Local, e.SocketErrorCode);
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(50), time, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            try
            {
                onAccepted(this, accepted);
            }
#pragma warning disable CA1031 // One connection that cannot be set up must not stop the listener.
            catch (Exception e)
#pragma warning restore CA1031
            {
                SipTransportLog.AcceptSetupFailed(_logger, e, Local);
                accepted.Dispose();
            }
        }
    }

    public void Dispose() => _socket.Dispose();
}
