using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Cinema.Sip.Transport;

/// <summary>
/// One configured listener: <c>transport:address:port</c>, for example <c>udp:0.0.0.0:5060</c>,
/// <c>tcp:[::]:5060</c> or <c>tls:0.0.0.0:5061</c>. The address must be an IP literal (IPv6 in brackets); the
/// port may be left out (the transport's default, RFC 3261 §19.1.2) or be 0 for an ephemeral port.
/// </summary>
public readonly record struct ListenEndPoint(SipTransportKind Transport, IPEndPoint Address)
{
    public static ListenEndPoint Parse(string text) =>
        TryParse(text, out var endPoint, out var error) ? endPoint : throw new FormatException(error);

    /// <summary>Parses a listen entry; on failure <paramref name="error"/> names the bad value and says what is wrong.</summary>
    public static bool TryParse(string? text, out ListenEndPoint endPoint, [NotNullWhen(false)] out string? error)
    {
        endPoint = default;
        var value = text?.Trim() ?? string.Empty;
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            error = $"Listen entry '{text}' must look like transport:address:port, for example udp:0.0.0.0:5060.";
            return false;
        }

        if (!SipTransportKindExtensions.TryParse(value[..colon], out var transport))
        {
            error = $"Listen entry '{text}' has an unknown transport '{value[..colon]}' (expected udp, tcp or tls).";
            return false;
        }

        if (!TrySplitHostPort(value[(colon + 1)..], out var host, out var portText))
        {
            error = $"Listen entry '{text}' has a malformed address: write IPv6 addresses in brackets, for example tcp:[::]:5060.";
            return false;
        }

        if (!TryParseAddress(host, out var address))
        {
            error = $"Listen entry '{text}' has '{host}', which is not an IP address (host names are not accepted here).";
            return false;
        }

        var port = transport.DefaultPort();
        if (portText is not null
            && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > IPEndPoint.MaxPort))
        {
            error = $"Listen entry '{text}' has an invalid port '{portText}' (expected 0 to 65535).";
            return false;
        }

        endPoint = new ListenEndPoint(transport, new IPEndPoint(address, port));
        error = null;
        return true;
    }

    public override string ToString() => new SipEndPoint(Transport, Address).ToString();

    /// <summary>An IPv4 dotted quad or an IPv6 literal; not the shorthand forms IPAddress.Parse also takes ("1", "0x7f.1").</summary>
    internal static bool TryParseAddress(string host, [NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        if (host.Contains(':', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(host, out address) && address.AddressFamily == AddressFamily.InterNetworkV6;
        }

        return host.Count(c => c == '.') == 3 && host.All(c => c == '.' || char.IsAsciiDigit(c))
            && IPAddress.TryParse(host, out address) && address.AddressFamily == AddressFamily.InterNetwork;
    }

    /// <summary>Splits "1.2.3.4:5060", "1.2.3.4", "[::1]:5060" or "[::1]"; the port is null when absent.</summary>
    private static bool TrySplitHostPort(string text, out string host, out string? port)
    {
        host = text;
        port = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0) return false;
            host = text[1..close];
            var rest = text[(close + 1)..];
            if (rest.Length == 0) return host.Length > 0;
            if (rest[0] != ':') return false;
            port = rest[1..];
            return host.Length > 0;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) return text.Length > 0;
        if (text.IndexOf(':', colon + 1) >= 0) return false; // bare IPv6: ambiguous with the port
        host = text[..colon];
        port = text[(colon + 1)..];
        return host.Length > 0;
    }
}
