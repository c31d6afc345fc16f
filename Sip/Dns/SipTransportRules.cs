using Cinema.Sip.Transport;

namespace Cinema.Sip.Dns;

/// <summary>Maps URI parameters, NAPTR services and SRV names to transports (RFC 3263 §4.1).</summary>
internal static class SipTransportRules
{
    /// <summary>Interprets a transport= parameter for a sip: or sips: URI; returns an error message when it cannot be used.</summary>
    public static string? TryResolveParameter(string parameter, bool secure, IReadOnlyList<SipTransportKind> supported, out SipTransportKind transport)
    {
        transport = default;
        switch (parameter.ToUpperInvariant())
        {
            case "UDP" when secure:
                // RFC 3261 §26.2: sips: demands TLS end to end, and there is no TLS over UDP for SIP.
                return "transport=udp cannot be used with a sips: URI.";
            case "UDP":
                transport = SipTransportKind.Udp;
                break;
            case "TCP":
                // RFC 3261 §26.2.2: "sips:...;transport=tcp" means TLS over TCP.
                transport = secure ? SipTransportKind.Tls : SipTransportKind.Tcp;
                break;
            case "TLS":
                // Deprecated by RFC 3261 §26.2.2 but still seen in the wild; it can only mean TLS over TCP.
                transport = SipTransportKind.Tls;
                break;
            default:
                return $"transport={parameter} is not supported.";
        }

        return supported.Contains(transport) ? null : $"transport={parameter} is not enabled.";
    }

    /// <summary>
    /// Transport for a numeric host, an explicit port, or the final A/AAAA fallback when nothing else
    /// chose one: UDP for sip:, TLS over TCP for sips: (RFC 3263 §4.1).
    /// </summary>
    public static SipTransportKind? DefaultTransport(bool secure, IReadOnlyList<SipTransportKind> supported)
    {
        if (secure)
        {
            return supported.Contains(SipTransportKind.Tls) ? SipTransportKind.Tls : null;
        }

        // If UDP is switched off, the client "MAY use any transport protocol it desires" (RFC 3263 §4.1).
        return supported.Contains(SipTransportKind.Udp) ? SipTransportKind.Udp : supported[0];
    }

    /// <summary>
    /// SRV owner name prefix for a transport. TLS always uses "_sips._tcp", also for sip: URIs
    /// (RFC 3263 §4.2: "if the client wishes to use TLS, it also uses the service identifier _sips").
    /// </summary>
    public static string SrvPrefix(SipTransportKind transport) => transport switch
    {
        SipTransportKind.Udp => "_sip._udp.",
        SipTransportKind.Tcp => "_sip._tcp.",
        _ => "_sips._tcp.",
    };

    /// <summary>
    /// Maps a NAPTR services field to a transport, honouring the rule that a sips: URI may only use
    /// TLS services (RFC 3263 §4.1). Services are case-insensitive (RFC 3403 §4.1).
    /// </summary>
    public static bool TryParseNaptrService(string services, bool secure, out SipTransportKind transport)
    {
        transport = default;
        switch (services.ToUpperInvariant())
        {
            case "SIP+D2U" when !secure:
                transport = SipTransportKind.Udp;
                return true;
            case "SIP+D2T" when !secure:
                transport = SipTransportKind.Tcp;
                return true;
            case "SIPS+D2T":
                transport = SipTransportKind.Tls;
                return true;
            default:
                return false;
        }
    }
}
