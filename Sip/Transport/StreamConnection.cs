using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Cinema.Sip.Parsing;
using Microsoft.Extensions.Logging;

namespace Cinema.Sip.Transport;

/// <summary>
/// One TCP or TLS connection, accepted or opened by us: a read loop that cuts the stream into messages with one
/// <see cref="SipStreamFramer"/>, answers RFC 5626 §4.4.1 keep-alive pings, and serialised writes (timed out by the
/// <see cref="ConnectionSweeper"/>).
/// Closing is idempotent and can come from any thread (the sweeper, a failed write, the read loop, shutdown).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "Close() frees the socket and stream; the token source has no timer and the semaphore never makes a wait handle, and disposing them would race with sends in flight.")]
internal sealed class StreamConnection
{
    // RFC 5626 §4.4.1: the answer to a CRLFCRLF ping is a single CRLF.
    private static readonly ReadOnlyMemory<byte> Pong = "\r\n"u8.ToArray();

    private readonly Socket _socket;
    private readonly SipStreamFramer _framer;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _closing = new();
    private readonly TimeProvider _time;
    private readonly Action<StreamConnection> _onClosed;
    private readonly ILogger _logger;
    private Stream _stream;
    private long _lastActivity;
    private long _partialSince;
    private long _writeSince;
    private string? _closeReason;
    private bool _keepAliveBuffered;
    private int _closed;
    private volatile bool _ready;

    public StreamConnection(long id, SipTransportKind transport, Socket socket, Stream stream, IPEndPoint remote, SipEndPoint local,
        bool accepted, ParserLimits limits, TimeProvider time, Action<StreamConnection> onClosed, ILogger logger)
    {
        Id = id;
        Transport = transport;
        _socket = socket;
        _stream = stream;
        Remote = new SipEndPoint(transport, remote);
        Local = local;
        Accepted = accepted;
        _framer = new SipStreamFramer(limits);
        _time = time;
        _onClosed = onClosed;
        _logger = logger;
        _lastActivity = time.GetTimestamp();
        _ready = transport != SipTransportKind.Tls || !accepted;
    }

    public long Id { get; }

    public SipTransportKind Transport { get; }

    public SipEndPoint Remote { get; }

    public SipEndPoint Local { get; }

    /// <summary>True for a connection a peer opened to one of our listeners (subject to the per-address limit).</summary>
    public bool Accepted { get; }

    public bool IsOpen => Volatile.Read(ref _closed) == 0;

    /// <summary>Open, and past the TLS handshake if any: fit to carry messages.</summary>
    public bool IsReady => _ready && IsOpen;

    /// <summary>The read loop (with the server handshake first for accepted TLS); completes when the connection closes.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    public void Start(SslServerAuthenticationOptions? tls, TimeSpan handshakeTimeout, Func<StreamConnection, byte[], ValueTask> onFrame) =>
        Completion = Task.Run(() => RunAsync(tls, handshakeTimeout, onFrame));

    /// <summary>Why the sweeper should close this connection at <paramref name="now"/>, or null.</summary>
    public string? Expired(long now, in ConnectionTimeouts timeouts)
    {
        // A write the peer does not take (its receive window stays full) is cut off here rather than with a timer per send.
        var writeSince = Volatile.Read(ref _writeSince);
        if (writeSince != 0 && _time.GetElapsedTime(writeSince, now) > timeouts.Send) return "a send timed out";
        var partialSince = Volatile.Read(ref _partialSince);
        if (partialSince != 0 && _time.GetElapsedTime(partialSince, now) > timeouts.MessageCompletion)
            return "a message was not completed in time";
        return _time.GetElapsedTime(Volatile.Read(ref _lastActivity), now) > timeouts.Idle ? "idle" : null;
    }

    /// <summary>Writes one message (or pong), one writer at a time; a write that fails or times out closes the connection.</summary>
    public async ValueTask<SendResult> SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (!IsReady) return SendResult.Failed($"the connection to {Remote} is closed");
        var locked = false;
        try
        {
            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            locked = true;
            if (!IsOpen) return SendResult.Failed($"the connection to {Remote} is closed: {_closeReason}");
            Volatile.Write(ref _writeSince, _time.GetTimestamp());
            await _stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _lastActivity, _time.GetTimestamp());
            return SendResult.Ok;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A write cut short leaves the stream mid-message: the connection cannot be used any more.
            if (locked) Close("a send was cancelled");
            throw;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            Close("a send failed: " + Describe(e));
            return SendResult.Failed($"sending to {Remote} failed: {_closeReason}");
        }
        finally
        {
            Volatile.Write(ref _writeSince, 0);
            if (locked) _writeLock.Release();
        }
    }

    public void Close(string reason)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0) return;
        _closeReason = reason;
        SipTransportLog.ConnectionClosed(_logger, Id, Remote, reason);
        _closing.Cancel();
        _stream.Dispose();
        _socket.Dispose();
        _onClosed(this);
    }

    internal static string Describe(Exception e) => e switch
    {
        SocketException s => s.SocketErrorCode.ToString(),
        IOException { InnerException: SocketException s } => s.SocketErrorCode.ToString(),
        _ => e.Message,
    };

    private async Task RunAsync(SslServerAuthenticationOptions? tls, TimeSpan handshakeTimeout, Func<StreamConnection, byte[], ValueTask> onFrame)
    {
        try
        {
            if (tls is not null && !await AuthenticateAsServerAsync(tls, handshakeTimeout).ConfigureAwait(false)) return;
            await ReadLoopAsync(onFrame).ConfigureAwait(false);
        }
        catch (Exception) when (!IsOpen)
        {
            // Closed under us (sweeper, shutdown, failed write): the read was cut short on purpose.
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            Close("read failed: " + Describe(e));
        }
#pragma warning disable CA1031 // Whatever happens on one connection ends that connection only.
        catch (Exception e)
#pragma warning restore CA1031
        {
            SipTransportLog.ConnectionFailed(_logger, e, Id, Remote);
            Close("internal error");
        }
    }

    private async Task<bool> AuthenticateAsServerAsync(SslServerAuthenticationOptions tls, TimeSpan handshakeTimeout)
    {
        var ssl = new SslStream(_stream, leaveInnerStreamOpen: false);
        using var timeout = new CancellationTokenSource(handshakeTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _closing.Token);
        try
        {
            await ssl.AuthenticateAsServerAsync(tls, linked.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or System.Security.Authentication.AuthenticationException)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            Close(timeout.IsCancellationRequested ? "TLS handshake timed out" : "TLS handshake failed: " + Describe(e));
            return false;
        }

        _stream = ssl;
        _ready = true;
        if (!IsOpen) await ssl.DisposeAsync().ConfigureAwait(false); // closed while the handshake finished
        return IsOpen;
    }

    private async Task ReadLoopAsync(Func<StreamConnection, byte[], ValueTask> onFrame)
    {
        while (true)
        {
            var buffer = _framer.GetWriteBuffer();
            var read = await _stream.ReadAsync(buffer, _closing.Token).ConfigureAwait(false);
            if (read == 0)
            {
                Close("closed by the peer");
                return;
            }

            _framer.Advance(read);
            var now = _time.GetTimestamp();
            Volatile.Write(ref _lastActivity, now);
            var framed = false;
            while (true)
            {
                var kind = _framer.TryRead(out var frame, out var error);
                if (kind == FrameKind.NeedMore) break;
                switch (kind)
                {
                    case FrameKind.Ping:
                        await SendAsync(Pong, CancellationToken.None).ConfigureAwait(false);
                        break;
                    case FrameKind.Message:
                        // The message is complete: waiting below for room in the inbound queue is our delay, not the peer's.
                        framed = true;
                        Volatile.Write(ref _partialSince, 0);
                        await onFrame(this, frame!).ConfigureAwait(false);
                        break;
                    case FrameKind.Error:
                        SipTransportLog.FramingError(_logger, Id, Remote, error);
                        Close("framing error: " + error);
                        return;
                }
            }

            TrackPartialMessage(buffer.Span[..read], framed, now);
        }
    }

    /// <summary>
    /// Starts the slowloris clock when bytes of an unfinished message are left over, and stops it when none are.
    /// Up to three CR/LF bytes are not a message: they are a keep-alive still arriving (RFC 5626 §4.4.1).
    /// </summary>
    private void TrackPartialMessage(ReadOnlySpan<byte> justRead, bool framed, long now)
    {
        var buffered = _framer.Buffered;
        var keepAlive = buffered <= 3
            && (buffered <= justRead.Length ? IsCrLf(justRead[^buffered..]) : _keepAliveBuffered && IsCrLf(justRead));
        _keepAliveBuffered = keepAlive && buffered > 0;
        if (buffered == 0 || keepAlive) Volatile.Write(ref _partialSince, 0);
        else if (framed || Volatile.Read(ref _partialSince) == 0) Volatile.Write(ref _partialSince, now);
    }

    private static bool IsCrLf(ReadOnlySpan<byte> bytes) => bytes.IndexOfAnyExcept((byte)'\r', (byte)'\n') < 0;
}
