using System.Net;

using Cinema.Sip.Transport;

namespace Cinema.Sip.Dns;

/// <summary>One place to send a request to, as produced by RFC 3263 server location.</summary>
/// <param name="EndPoint">Address and port to contact.</param>
/// <param name="Transport">Transport to use for this endpoint.</param>
/// <param name="TargetHost">
/// The SIP domain the endpoint was located for, or null for a numeric target. TLS must check the
/// server certificate against this name, not against NAPTR/SRV targets, because DNS is not
/// secured (RFC 5922 §4).
/// </param>
public sealed record SipServerEndpoint(IPEndPoint EndPoint, SipTransportKind Transport, string? TargetHost)
{
    public override string ToString() =>
        $"{Transport.ToString().ToUpperInvariant()} {EndPoint}{(TargetHost is null ? string.Empty : $" ({TargetHost})")}";
}
