namespace Cinema.Sip.Dns;

/// <summary>Transports this library can send SIP over.</summary>
/// <remarks>
/// TLS means TLS over TCP (RFC 3261 §26.2). SCTP and WebSocket are deliberately absent:
/// RFC 3263 §4.1 lets a client ignore transports it does not support.
/// </remarks>
public enum SipTransportKind
{
    Udp,
    Tcp,
    Tls,
}
