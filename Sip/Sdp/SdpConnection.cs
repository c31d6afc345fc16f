using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace Cinema.Sip.Sdp;

/// <summary>A <c>c=</c> line (RFC 8866 §5.7).</summary>
/// <param name="NetType">Network type, "IN" for the Internet.</param>
/// <param name="AddressType">"IP4" or "IP6" (other values are kept verbatim).</param>
/// <param name="Address">The address or FQDN without the multicast "/ttl/count" suffix.</param>
public sealed record SdpConnection(string NetType, string AddressType, string Address)
{
    /// <summary>Multicast TTL; only IP4 addresses carry one (RFC 8866 §5.7).</summary>
    public int? Ttl { get; init; }

    /// <summary>Number of consecutive multicast addresses, the last "/n" of the address.</summary>
    public int? AddressCount { get; init; }

    /// <summary>"0.0.0.0" or "::": RFC 3264 §8.4 old-style hold, or an address not yet known.</summary>
    public bool IsUnspecified
        => TryGetIPAddress(out var address) && (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any));

    /// <summary>Builds an "IN IP4"/"IN IP6" connection for an IP address.</summary>
    public static SdpConnection FromIPAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return new SdpConnection("IN", AddressTypeOf(address), address.ToString());
    }

    /// <summary>Parses <see cref="Address"/> as an IP literal; false for an FQDN or a non-IN network.</summary>
    public bool TryGetIPAddress([NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        if (!string.Equals(NetType, "IN", StringComparison.OrdinalIgnoreCase)
            || !IPAddress.TryParse(Address, out var parsed))
        {
            return false;
        }

        var expected = string.Equals(AddressType, "IP6", StringComparison.OrdinalIgnoreCase)
            ? AddressFamily.InterNetworkV6
            : AddressFamily.InterNetwork;
        if (parsed.AddressFamily != expected)
        {
            return false;
        }

        address = parsed;
        return true;
    }

    internal static string AddressTypeOf(IPAddress address)
        => address.AddressFamily == AddressFamily.InterNetworkV6 ? "IP6" : "IP4";
}
