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
    /// Sends a response to the request it answers (RFC 3261 §18.2.2, RFC 3581 §4), using the request's top Via:
    /// over the connection the request arrived on while it is open, else to the Via's maddr, or to the request's
    /// source address (with the source port when rport was asked for, the Via port otherwise).
    /// </summary>
    ValueTask<SendResult> SendResponseAsync(InboundMessage request, ReadOnlyMemory<byte> response, CancellationToken cancellationToken = default);

    /// <summary>The transport and address to put in our own Via and Record-Route for a given destination transport.</summary>
    SipEndPoint LocalEndPointFor(SipTransportKind transport);
}
