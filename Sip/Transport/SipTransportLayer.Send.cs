using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Cinema.Sip.Transport;

public sealed partial class SipTransportLayer
{
    /// <summary>
    /// RFC 3261 §18.1.1: a request for UDP larger than <see cref="SipTransportOptions.UdpMaxRequestBytes"/> goes over
    /// TCP, unless we have no TCP listener of that address family (the Via must name one) or the destination refused
    /// TCP recently. Ask before building the Via; <see cref="SendRequestAsync(SipEndPoint, string?, ReadOnlyMemory{byte}, CancellationToken)"/>
    /// applies the same rule.
    /// </summary>
    public SipTransportKind ChooseTransport(SipEndPoint destination, int messageSize)
    {
        if (destination.Transport != SipTransportKind.Udp || messageSize <= _options.UdpMaxRequestBytes) return destination.Transport;
        var address = DestinationRules.Canonical(destination.Address);
        return HasListener(SipTransportKind.Tcp, address.AddressFamily) && !_refusals.Refused(address)
            ? SipTransportKind.Tcp
            : SipTransportKind.Udp;
    }

    /// <inheritdoc/>
    public ValueTask<SendResult> SendRequestAsync(SipEndPoint destination, ReadOnlyMemory<byte> request, CancellationToken cancellationToken = default) =>
        SendRequestAsync(destination, null, request, cancellationToken);

    /// <summary>
    /// Sends a request: UDP from our listener socket of the destination's family (so replies come back to our listen
    /// port), TCP/TLS on an open connection to the destination (accepted or opened) or a new one. A UDP request too
    /// large for UDP goes over TCP (<see cref="ChooseTransport"/>); if that TCP connection is refused, the result is a
    /// failure and the destination is remembered as UDP-only, so that the caller can rebuild the request with a UDP
    /// Via and send it again (§18.1.1). Transport errors come back as a failed <see cref="SendResult"/>.
    /// </summary>
    /// <param name="destination">Where to send, with the transport the caller chose.</param>
    /// <param name="targetHost">For TLS, the name the server certificate must match (RFC 5922 §7.2), sent as SNI; defaults to the IP address.</param>
    /// <param name="request">The whole message.</param>
    /// <param name="cancellationToken">Cancels the send (the call then throws <see cref="OperationCanceledException"/>).</param>
    public async ValueTask<SendResult> SendRequestAsync(SipEndPoint destination, string? targetHost, ReadOnlyMemory<byte> request, CancellationToken cancellationToken = default)
    {
        try
        {
            return await SendRequestCoreAsync(destination, targetHost, request, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A transport error is a result for the transaction layer (RFC 3261 §17.1.4), never an exception.
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            SipTransportLog.SendCrashed(_logger, e, destination);
            return SendResult.Failed($"sending to {destination} failed: {e.Message}");
        }
    }

    /// <inheritdoc/>
    public async ValueTask<SendResult> SendResponseAsync(InboundMessage request, ReadOnlyMemory<byte> response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await SendResponseCoreAsync(request, response, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // As above (RFC 3261 §17.2.4).
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            SipTransportLog.SendCrashed(_logger, e, request.Source);
            return SendResult.Failed($"answering {request.Source} failed: {e.Message}");
        }
    }

    /// <inheritdoc/>
    public ResponseRoute? RouteResponse(InboundMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Source.Transport.IsReliable() || request.Request is null) return null;
        if (!ResponseRouting.TryRoute(request, out var destination, out _, out _)) return null;
        // Most phones answer from the port in their Via: then the source endpoint already is the destination. And a
        // waiting transaction keeps its route for up to 32 s, while most requests come from a few peers (a proxy, a
        // gateway, SIPp): the route of the request before, when equal, is shared rather than made again.
        var last = Volatile.Read(ref _lastRoute);
        if (last is not null && last.Local.Equals(request.Local) && last.Destination.Equals(destination)) return last;
        var route = new ResponseRoute(request.Local, destination.Equals(request.Source.Address) ? request.Source.Address : destination);
        Volatile.Write(ref _lastRoute, route);
        return route;
    }

    /// <inheritdoc/>
    public async ValueTask<SendResult> SendResponseAsync(ResponseRoute route, ReadOnlyMemory<byte> response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(route);
        try
        {
            if (!IsRunning) return SendResult.Failed("the transport is not running");
            var result = UdpListenerFor(route.Local, route.Destination) is { } listener
                ? await listener.SendAsync(response, route.Destination, cancellationToken).ConfigureAwait(false)
                : SendResult.Failed($"there is no UDP listener for {route.Destination.AddressFamily}");
            if (!result.Sent) SipTransportLog.SendFailed(_logger, new SipEndPoint(SipTransportKind.Udp, route.Destination), result.Error);
            return result;
        }
#pragma warning disable CA1031 // As above (RFC 3261 §17.2.4).
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            var destination = new SipEndPoint(SipTransportKind.Udp, route.Destination);
            SipTransportLog.SendCrashed(_logger, e, destination);
            return SendResult.Failed($"answering {destination} failed: {e.Message}");
        }
    }

    private async ValueTask<SendResult> SendRequestCoreAsync(SipEndPoint destination, string? targetHost, ReadOnlyMemory<byte> request, CancellationToken cancellationToken)
    {
        if (!IsRunning) return SendResult.Failed("the transport is not running");
        var address = DestinationRules.Canonical(destination.Address);
        if (DestinationRules.Refusal(address) is { } refusal) return SendResult.Failed(refusal);
        var transport = ChooseTransport(destination with { Address = address }, request.Length);
        if (transport == SipTransportKind.Udp)
        {
            return UdpListenerFor(address) is { } listener
                ? await listener.SendAsync(request, address, cancellationToken).ConfigureAwait(false)
                : SendResult.Failed($"there is no UDP listener for {address.AddressFamily}");
        }

        var (result, refused) = await SendOnStreamAsync(new SipEndPoint(transport, address), targetHost, request, cancellationToken).ConfigureAwait(false);
        if (refused && transport != destination.Transport)
        {
            _refusals.Remember(address);
            return SendResult.Failed(result.Error + "; it is now sent over UDP (RFC 3261 §18.1.1): rebuild the Via and send again");
        }

        if (!result.Sent) SipTransportLog.SendFailed(_logger, new SipEndPoint(transport, address), result.Error);
        return result;
    }

    private async ValueTask<SendResult> SendResponseCoreAsync(InboundMessage request, ReadOnlyMemory<byte> response, CancellationToken cancellationToken)
    {
        if (!IsRunning) return SendResult.Failed("the transport is not running");
        if (request.Request is null) return SendResult.Failed("only a request can be answered");
        var transport = request.Source.Transport;
        string? firstFailure = null;
        if (transport.IsReliable() && _connections.Find(request.ConnectionId) is { } connection && connection.Remote == request.Source)
        {
            // RFC 3261 §18.2.2: on the connection the request came on, while it is open.
            var onConnection = await connection.SendAsync(response, cancellationToken).ConfigureAwait(false);
            if (onConnection.Sent) return onConnection;
            firstFailure = onConnection.Error + "; then ";
        }

        if (!ResponseRouting.TryRoute(request, out var destination, out var tlsHost, out var error))
        {
            SipTransportLog.ResponseNotRouted(_logger, request.Source, error);
            return SendResult.Failed(firstFailure + error);
        }

        SendResult result;
        if (transport.IsReliable())
        {
            (result, _) = await SendOnStreamAsync(new SipEndPoint(transport, destination), tlsHost, response, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var listener = UdpListenerFor(request.Local, destination);
            result = listener is null
                ? SendResult.Failed($"there is no UDP listener for {destination.AddressFamily}")
                : await listener.SendAsync(response, destination, cancellationToken).ConfigureAwait(false);
        }

        if (result.Sent) return result;
        SipTransportLog.SendFailed(_logger, new SipEndPoint(transport, destination), result.Error);
        return firstFailure is null ? result : SendResult.Failed(firstFailure + result.Error);
    }

    /// <summary>
    /// The socket the request came to, the address and port a NAT expects the answer from (RFC 3581 §4), unless the
    /// answer goes to another address family (a maddr).
    /// </summary>
    private UdpListener? UdpListenerFor(SipEndPoint local, IPEndPoint destination)
    {
        foreach (var listener in _udp)
        {
            if (listener.Local == local && listener.Family == destination.AddressFamily) return listener;
        }

        return UdpListenerFor(destination);
    }

    /// <summary>
    /// A UDP socket to send to <paramref name="destination"/> from: one of its family, preferring one bound to a
    /// wildcard address or, for a loopback destination, to loopback (a socket bound to 127.0.0.1 cannot reach others).
    /// </summary>
    private UdpListener? UdpListenerFor(IPEndPoint destination)
    {
        UdpListener? fallback = null;
        var loopback = IPAddress.IsLoopback(destination.Address);
        foreach (var listener in _udp)
        {
            if (listener.Family != destination.AddressFamily) continue;
            var bound = listener.Local.Address.Address;
            if (bound.Equals(IPAddress.Any) || bound.Equals(IPAddress.IPv6Any) || IPAddress.IsLoopback(bound) == loopback) return listener;
            fallback ??= listener;
        }

        return fallback;
    }

    /// <summary>Sends on an open connection to <paramref name="remote"/> or a new one; also says whether a new one was refused.</summary>
    private async ValueTask<(SendResult Result, bool Refused)> SendOnStreamAsync(SipEndPoint remote, string? tlsHost, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (_connections.Find(remote) is { } open)
        {
            var reused = await open.SendAsync(data, cancellationToken).ConfigureAwait(false);
            // A failed write on a reused connection usually means the peer had closed it: one fresh attempt follows.
            if (reused.Sent) return (reused, false);
        }

        var outcome = await ConnectAsync(remote, tlsHost, cancellationToken).ConfigureAwait(false);
        if (outcome.Connection is null) return (SendResult.Failed(outcome.Error!), outcome.Refused);
        return (await outcome.Connection.SendAsync(data, cancellationToken).ConfigureAwait(false), false);
    }

    /// <summary>Opens a connection, sharing one attempt between concurrent senders to the same place.</summary>
    private async Task<ConnectOutcome> ConnectAsync(SipEndPoint remote, string? tlsHost, CancellationToken cancellationToken)
    {
        var attempt = new TaskCompletionSource<ConnectOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var shared = _connecting.GetOrAdd(remote, attempt.Task);
        if (shared != attempt.Task) return await shared.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var outcome = _connections.Find(remote) is { } open ? new ConnectOutcome(open, null, false) : await OpenAsync(remote, tlsHost, cancellationToken).ConfigureAwait(false);
            attempt.SetResult(outcome);
            return outcome;
        }
        catch (OperationCanceledException)
        {
            attempt.SetResult(new ConnectOutcome(null, "the connection attempt was cancelled", false));
            throw;
        }
        finally
        {
            _connecting.TryRemove(new KeyValuePair<SipEndPoint, Task<ConnectOutcome>>(remote, attempt.Task));
        }
    }

    private async Task<ConnectOutcome> OpenAsync(SipEndPoint remote, string? tlsHost, CancellationToken cancellationToken)
    {
        var address = remote.Address;
        if (_connections.TryReserve(address.Address, accepted: false) is { } refusal) return new ConnectOutcome(null, refusal, false);
        Socket? socket = null;
        Stream? stream = null;
        var step = "connecting to";
        try
        {
            socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            using (var timeout = new CancellationTokenSource(_options.ConnectTimeout, _time))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token, _stopping.Token))
            {
                await socket.ConnectAsync(address, linked.Token).ConfigureAwait(false);
            }

            stream = new NetworkStream(socket, ownsSocket: true);
            if (remote.Transport == SipTransportKind.Tls)
            {
                step = "TLS handshake with";
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                using var timeout = new CancellationTokenSource(_options.TlsHandshakeTimeout, _time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token, _stopping.Token);
                await ssl.AuthenticateAsClientAsync(_tls!.ClientOptions(tlsHost ?? address.Address.ToString()), linked.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is SocketException or IOException or AuthenticationException or OperationCanceledException)
        {
            if (stream is not null) await stream.DisposeAsync().ConfigureAwait(false);
            socket?.Dispose();
            _connections.Release(address.Address, accepted: false);
            if (cancellationToken.IsCancellationRequested) throw;
            var why = e is OperationCanceledException ? (_stopping.IsCancellationRequested ? "the transport is stopping" : "timed out") : StreamConnection.Describe(e);
            return new ConnectOutcome(null, $"{step} {remote} failed: {why}",
                e is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.ConnectionReset or SocketError.ProtocolNotSupported });
        }

        var local = new SipEndPoint(remote.Transport, DestinationRules.Canonical((IPEndPoint)socket.LocalEndPoint!));
        var connection = new StreamConnection(NextConnectionId(), remote.Transport, socket, stream, address, local, accepted: false,
            _options.Limits, _time, _connections.Remove, _logger);
        _connections.Register(connection);
        SipTransportLog.Connected(_logger, connection.Id, connection.Remote, local);
        connection.Start(null, default, OnFrameAsync);
        if (!IsRunning) connection.Close("the transport is stopping");
        return new ConnectOutcome(connection, null, false);
    }
}
