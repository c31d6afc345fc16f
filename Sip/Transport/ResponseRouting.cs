using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace Cinema.Sip.Transport;

/// <summary>
/// Where a response goes when it cannot simply go back on the request's connection (RFC 3261 §18.2.2, RFC 3581 §4).
/// The request is immutable, so the "received" and "rport" values the server would have added (§18.2.1) are
/// taken from <see cref="InboundMessage.Source"/>: the source address is the only one not chosen by the sender.
/// </summary>
internal static class ResponseRouting
{
    /// <summary>The destination, and for TLS the host name to check the peer's certificate against; or an error.</summary>
    public static bool TryRoute(InboundMessage request, [NotNullWhen(true)] out IPEndPoint? destination, out string? tlsHost, [NotNullWhen(false)] out string? error)
    {
        var via = request.Message.TopVia;
        var source = request.Source.Address;
        tlsHost = null;
        destination = null;
        if (request.Source.Transport.IsReliable())
        {
            // §18.2.2: the "received" address (the source), with the sent-by port or the transport's default.
            destination = new IPEndPoint(source.Address, via.Port ?? request.Source.Transport.DefaultPort());
            if (!ListenEndPoint.TryParseAddress(Unbracket(via.Host), out _)) tlsHost = via.Host;
        }
        else if (via.Maddr is { } maddr)
        {
            // §18.2.2: maddr with the sent-by port or 5060. Multicast maddr is refused below.
            if (!ListenEndPoint.TryParseAddress(Unbracket(maddr), out var address))
            {
                error = $"the Via maddr '{maddr}' is not an IP address";
                return false;
            }

            destination = new IPEndPoint(address, via.Port ?? 5060);
        }
        else if (via.HasRPort)
        {
            // RFC 3581 §4: back to the source address and port, the way through a NAT.
            destination = source;
        }
        else
        {
            // §18.2.2: the "received" address with the sent-by port, or 5060. A sent-by of 255.255.255.255 (RFC 4475
            // §3.3.10) therefore never reaches the wire: only its port is used.
            destination = new IPEndPoint(source.Address, via.Port ?? 5060);
        }

        destination = DestinationRules.Canonical(destination);
        if (DestinationRules.Refusal(destination) is { } refusal)
        {
            destination = null;
            error = refusal;
            return false;
        }

        error = null;
        return true;
    }

    private static string Unbracket(string host) => host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
}
