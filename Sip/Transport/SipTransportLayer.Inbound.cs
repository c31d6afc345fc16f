using System.Net;
using System.Net.Sockets;
using Cinema.Sip.Parsing;

namespace Cinema.Sip.Transport;

public sealed partial class SipTransportLayer
{
    /// <summary>
    /// One datagram (RFC 3261 §18.2.1: the source is recorded in <see cref="InboundMessage.Source"/>). Parsed here in
    /// the receive loop and queued without waiting. A malformed request is answered to its source address, but never
    /// with more bytes than it had (a spoofed source must not turn us into an amplifier).
    /// </summary>
    private ValueTask OnDatagramAsync(UdpListener listener, byte[] datagram, IPEndPoint source)
    {
        // Over the limit: dropped without a word. A 503 would go to an address that may be forged, and a real UAC
        // retransmits over UDP anyway (RFC 3261 §17.1.1.2, §17.1.2.2), which is the retry a Retry-After would ask for.
        if (LimiterFor(datagram) is { } limiter && !limiter.TryAcquire(source.Address)) return ValueTask.CompletedTask;
        var result = SipParser.Parse(datagram, _options.Limits);
        var from = new SipEndPoint(SipTransportKind.Udp, source);
        if (result.Message is { } message)
        {
            _dispatcher!.Post(new InboundMessage(message, from, listener.Local, 0));
            return ValueTask.CompletedTask;
        }

        var answer = Malformed(result, from);
        if (answer is null) return ValueTask.CompletedTask;
        if (answer.Length > datagram.Length)
        {
            SipTransportLog.MalformedRequestNotAnswered(_logger, from, result.Error!, answer.Length, datagram.Length);
            return ValueTask.CompletedTask;
        }

        return DestinationRules.Refusal(source) is null ? SendAnswerAsync(listener, answer, source) : ValueTask.CompletedTask;
    }

    private async ValueTask SendAnswerAsync(UdpListener listener, byte[] answer, IPEndPoint source)
    {
        var sent = await listener.SendAsync(answer, source, _stopping.Token).ConfigureAwait(false);
        if (!sent.Sent) SipTransportLog.SendFailed(_logger, new SipEndPoint(SipTransportKind.Udp, source), sent.Error);
    }

    /// <summary>
    /// A framed message from a connection: let in by the rate limit (waiting for it), then queued, waiting for room
    /// (back-pressure through TCP), or answered on the connection if malformed.
    /// </summary>
    private async ValueTask OnFrameAsync(StreamConnection connection, byte[] frame)
    {
        // Over a connection a message over the limit is not dropped but read later: this read loop waits for a token,
        // the receive window fills, and TCP flow control slows the sender down. Nothing is lost (a request over a
        // reliable transport is never retransmitted, RFC 3261 §17.1.2.2), and a flood costs a paused connection.
        if (LimiterFor(frame) is { } limiter) await limiter.WaitAsync(connection.Remote.Address.Address, _stopping.Token).ConfigureAwait(false);
        var result = SipParser.Parse(frame, _options.Limits);
        if (result.Message is { } message)
        {
            await _dispatcher!.PostAsync(new InboundMessage(message, connection.Remote, connection.Local, connection.Id), _stopping.Token).ConfigureAwait(false);
            return;
        }

        if (Malformed(result, connection.Remote) is { } answer) await connection.SendAsync(answer, _stopping.Token).ConfigureAwait(false);
    }

    /// <summary>
    /// The per-source rate limit (<see cref="SipTransportOptions.SourceRateLimit"/>) that applies to a message, found
    /// before parsing so that a flood costs a table lookup per message rather than a parse: requests and responses
    /// each have the source's own bucket, so that a peer's requests never starve the answers to ours. Null for CRLF
    /// keep-alives and when the limit is off.
    /// </summary>
    private SourceRateLimiter? LimiterFor(ReadOnlySpan<byte> data) => SipParser.PeekKind(data) switch
    {
        MessageKind.Request => _requestLimit,
        MessageKind.Response => _responseLimit,
        _ => null,
    };

    /// <summary>The stateless answer to a malformed request (RFC 3261 §8.2.2), or null; malformed responses are dropped (§18.1.2).</summary>
    private byte[]? Malformed(in ParseResult result, SipEndPoint from)
    {
        switch (result.Kind)
        {
            case MessageKind.Response:
                SipTransportLog.MalformedResponseDropped(_logger, from, result.Error!);
                return null;
            case MessageKind.Request:
                var answer = ErrorResponse.Create(result);
                SipTransportLog.MalformedRequest(_logger, from, result.Error!, answer is not null);
                return answer;
            default:
                return null; // Empty or CRLF-only: keep-alive noise, not a message.
        }
    }

    /// <summary>
    /// A new connection on a tcp: or tls: listener: admitted against the limits here, in the accept loop, so the
    /// count is exact; the TLS handshake and reading run on the connection's own task.
    /// </summary>
    private void OnAccepted(StreamListener listener, Socket socket)
    {
        var remote = DestinationRules.Canonical((IPEndPoint)socket.RemoteEndPoint!);
        var refusal = IsRunning ? _connections.TryReserve(remote.Address, accepted: true) : "the transport is stopping";
        if (refusal is not null)
        {
            SipTransportLog.ConnectionRefused(_logger, new SipEndPoint(listener.Local.Transport, remote), refusal);
            socket.Dispose();
            return;
        }

        var transport = listener.Local.Transport;
        StreamConnection connection;
        try
        {
            socket.NoDelay = true;
            connection = new StreamConnection(NextConnectionId(), transport, socket, new NetworkStream(socket, ownsSocket: true), remote,
                listener.Local, accepted: true, _options.Limits, _time, _connections.Remove, _logger);
        }
        catch
        {
            _connections.Release(remote.Address, accepted: true);
            throw;
        }

        _connections.Register(connection);
        SipTransportLog.ConnectionAccepted(_logger, connection.Id, connection.Remote, listener.Local);
        var tls = transport == SipTransportKind.Tls ? _tls!.ServerOptions() : null;
        connection.Start(tls, _options.TlsHandshakeTimeout, OnFrameAsync);
        if (!IsRunning) connection.Close("the transport is stopping"); // raced with StopAsync
    }
}
