using Cinema.Sip.Messages;

namespace Cinema.Sip.Transport;

/// <summary>
/// A message as the transport layer delivers it: the parsed message, who sent it, which local listener took it,
/// and for TCP/TLS the connection it came on (0 for UDP), so responses can go back on it (RFC 3261 §18.2.2).
/// </summary>
public sealed record InboundMessage(SipMessage Message, SipEndPoint Source, SipEndPoint Local, long ConnectionId)
{
    public SipRequest? Request => Message as SipRequest;

    public SipResponse? Response => Message as SipResponse;
}
