using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace Cinema.Sip.Dns;

/// <summary>
/// The parts of a SIP or SIPS URI that RFC 3263 server location needs.
/// </summary>
/// <param name="Host">The TARGET of RFC 3263 §4: the maddr parameter if present, else the host. IPv6 literals may keep their brackets.</param>
/// <param name="Port">Explicit port from the URI, if any.</param>
/// <param name="Transport">The transport= parameter ("udp", "tcp", "tls", "sctp", ...), or null.</param>
/// <param name="Secure">True for a sips: URI.</param>
/// <param name="HostIsNumeric">True when <paramref name="Host"/> is an IPv4 or IPv6 literal.</param>
public sealed record SipTarget(string Host, int? Port, string? Transport, bool Secure, bool HostIsNumeric)
{
    private static readonly SearchValues<char> _ipv4Characters = SearchValues.Create(".0123456789");

    /// <summary>Builds a target from URI parts, applying the TARGET rule of RFC 3263 §4.</summary>
    /// <param name="host">Host part of the URI.</param>
    /// <param name="port">Port of the URI, if present.</param>
    /// <param name="transport">transport= parameter, if present.</param>
    /// <param name="secure">True for sips:.</param>
    /// <param name="maddr">maddr= parameter, if present.</param>
    public static SipTarget Create(string host, int? port = null, string? transport = null, bool secure = false, string? maddr = null)
    {
        ArgumentNullException.ThrowIfNull(host);

        // RFC 3263 §4: "If the URI contains an maddr parameter with a value, TARGET is that value";
        // port and transport still come from the URI itself.
        var target = string.IsNullOrEmpty(maddr) ? host : maddr;
        return new SipTarget(target, port, transport, secure, TryParseAddress(target, out _));
    }

    /// <summary>Parses an IPv4 dotted quad or an (optionally bracketed) IPv6 literal.</summary>
    public static bool TryParseAddress(string host, [NotNullWhen(true)] out IPAddress? address)
    {
        ArgumentNullException.ThrowIfNull(host);
        address = null;
        var span = host.AsSpan();
        if (span.Length >= 2 && span[0] == '[' && span[^1] == ']')
        {
            // RFC 3261 §25.1 IPv6reference: brackets only ever wrap an IPv6 address.
            return span.Contains(':') && IPAddress.TryParse(span[1..^1], out address);
        }

        if (span.Contains(':'))
        {
            return IPAddress.TryParse(span, out address);
        }

        // IPAddress.TryParse also takes shorthand such as "10.1" or "0x7f.1"; RFC 3261 §25.1 IPv4address
        // is four decimal parts, and anything else must be looked up as a hostname.
        if (span.Count('.') != 3 || span.ContainsAnyExcept(_ipv4Characters))
        {
            return false;
        }

        return IPAddress.TryParse(span, out address);
    }
}
