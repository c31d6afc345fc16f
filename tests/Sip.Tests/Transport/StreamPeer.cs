using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Cinema.Sip.Parsing;
using Cinema.Sip.Transport;

namespace Cinema.Sip.Tests.Transport;

/// <summary>A phone's TCP or TLS connection to a listener, reading messages with the stack's own framer.</summary>
internal sealed class StreamPeer : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly SipStreamFramer _framer = new();
    private Stream _stream;

    private StreamPeer(Socket socket, Stream stream)
    {
        _socket = socket;
        _stream = stream;
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    public static async Task<StreamPeer> ConnectAsync(SipEndPoint to, string? tlsHost = null)
    {
        var socket = new Socket(to.Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(to.Address, TestContext.Current.CancellationToken);
        var peer = new StreamPeer(socket, new NetworkStream(socket, ownsSocket: true));
        if (to.Transport == SipTransportKind.Tls)
        {
            // The test certificates are self-signed: an untrusted chain is expected, a wrong name is not.
            var ssl = new SslStream(peer._stream, false, (_, _, _, errors) => (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None);
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = tlsHost ?? "localhost" }, TestContext.Current.CancellationToken);
            peer._stream = ssl;
        }

        return peer;
    }

    /// <summary>Wraps a connection the test accepted on its own listening socket.</summary>
    public static StreamPeer Accepted(Socket socket) => new(socket, new NetworkStream(socket, ownsSocket: true));

    public async Task WriteAsync(byte[] data)
    {
        await _stream.WriteAsync(data, TestContext.Current.CancellationToken);
        await _stream.FlushAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The next complete message, as text.</summary>
    public async Task<string> ReadMessageAsync()
    {
        using var timeout = Timeout();
        while (true)
        {
            var kind = _framer.TryRead(out var frame, out var error);
            if (kind == FrameKind.Message) return SipText.Text(frame);
            Assert.NotEqual(FrameKind.Error, kind);
            var read = await _stream.ReadAsync(_framer.GetWriteBuffer(), timeout.Token);
            Assert.True(read > 0, "the connection closed before a message arrived");
            _framer.Advance(read);
        }
    }

    /// <summary>Exactly <paramref name="count"/> bytes.</summary>
    public async Task<byte[]> ReadBytesAsync(int count)
    {
        using var timeout = Timeout();
        var buffer = new byte[count];
        await _stream.ReadExactlyAsync(buffer, timeout.Token);
        return buffer;
    }

    /// <summary>True once the other side has closed (end of stream or reset); a read that returns data fails the test.</summary>
    public async Task<bool> ClosedByPeerAsync(TimeSpan? within = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(within ?? Eventually.Deadline);
        try
        {
            var read = await _stream.ReadAsync(new byte[1], timeout.Token);
            Assert.Equal(0, read);
            return true;
        }
        catch (IOException)
        {
            return true; // reset
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>A read that completes when the other side closes; for polling while a fake clock is advanced.</summary>
    public Task<bool> WatchForCloseAsync() => ClosedByPeerAsync(TimeSpan.FromMinutes(1));

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _socket.Dispose();
    }

    private static CancellationTokenSource Timeout()
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Eventually.Deadline);
        return timeout;
    }
}
