using System.Net.Sockets;

namespace Cinema.Sip.Transport;

/// <summary>
/// What the transaction layer needs from the transports. Implemented by the real UDP/TCP/TLS transport layer
/// and, in tests, by an in-memory loop.
/// </summary>
public interface ISipTransport
{
    /// <summary>
    /// Sends a request to a resolved destination. Over TCP/TLS an open connection to that address is reused,
    /// otherwise one is opened (RFC 3261 §18.1.1).
    /// </summary>
    ValueTask<SendResult> SendRequestAsync(SipEndPoint destination, ReadOnlyMemory<byte> request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends a request as above; over TLS the server certificate is checked against <paramref name="targetHost"/>,
    /// the SIP domain the destination was located for (RFC 5922 §7.2), which is also sent as SNI. Null means the
    /// destination's IP address. Implementations without TLS can ignore it.
    /// </summary>
    ValueTask<SendResult> SendRequestAsync(SipEndPoint destination, string? targetHost, ReadOnlyMemory<byte> request, CancellationToken cancellationToken = default) =>
        SendRequestAsync(destination, request, cancellationToken);

    /// <summary>
    /// Sends a response to the request it answers (RFC 3261 §18.2.2, RFC 3581 §4), using the request's top Via:
    /// over the connection the request arrived on while it is open, else to the Via's maddr, or to the request's
    /// source address (with the source port when rport was asked for, the Via port otherwise).
    /// </summary>
    ValueTask<SendResult> SendResponseAsync(InboundMessage request, ReadOnlyMemory<byte> response, CancellationToken cancellationToken = default);

    /// <summary>
    /// For a request that came over UDP: where its responses go, worked out now (as <see cref="SendResponseAsync(InboundMessage, ReadOnlyMemory{byte}, CancellationToken)"/>
    /// would), so that the response can be re-sent later without the request. Null for requests over connections,
    /// whose answers follow the connection while it is open, for requests that cannot be answered, and from
    /// transports that do not support it (the default).
    /// </summary>
    ResponseRoute? RouteResponse(InboundMessage request) => null;

    /// <summary>Sends a response along a route from <see cref="RouteResponse"/>.</summary>
    ValueTask<SendResult> SendResponseAsync(ResponseRoute route, ReadOnlyMemory<byte> response, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("This transport gives no response routes.");

    /// <summary>
    /// The transport a request of <paramref name="messageSize"/> bytes to <paramref name="destination"/> will really
    /// go over: a request too large for UDP goes over TCP (RFC 3261 §18.1.1). Ask before building the Via, which must
    /// name that transport. Implementations that never switch return the destination's transport.
    /// </summary>
    SipTransportKind ChooseTransport(SipEndPoint destination, int messageSize) => destination.Transport;

    /// <summary>The transport and address to put in our own Via and Record-Route for a given destination transport.</summary>
    SipEndPoint LocalEndPointFor(SipTransportKind transport);

    /// <summary>
    /// As <see cref="LocalEndPointFor(SipTransportKind)"/>, for a destination of the given address family, so an IPv6
    /// peer is given our IPv6 address. Implementations with one address per transport can ignore the family.
    /// </summary>
    SipEndPoint LocalEndPointFor(SipTransportKind transport, AddressFamily family) => LocalEndPointFor(transport);

    /// <summary>
    /// Whether a TCP/TLS connection to <paramref name="remote"/> is open now (a phone's flow, RFC 5626); always
    /// false for UDP, which has no connections.
    /// </summary>
    bool HasConnection(SipEndPoint remote) => false;
}
