namespace Cinema.Sip.Dns;

/// <summary>Per-transport constants used during server location.</summary>
public static class SipTransportKindExtensions
{
    /// <summary>Well-known SIP port for the transport: 5060, or 5061 for TLS (RFC 3261 §19.1.2).</summary>
    public static int DefaultPort(this SipTransportKind transport) => transport == SipTransportKind.Tls ? 5061 : 5060;

    /// <summary>Whether the transport keeps a connection (and so reports failures as transport errors).</summary>
    public static bool IsReliable(this SipTransportKind transport) => transport != SipTransportKind.Udp;
}
