using System.Net;
using System.Net.Sockets;

namespace Cinema.Sip.Transport;

/// <summary>Addresses this stack never sends to, and the canonical form of an address used as a key.</summary>
internal static class DestinationRules
{
    /// <summary>
    /// Why a destination is refused, or null. Broadcast and multicast are refused so that a forged Via (RFC 4475
    /// §3.3.10 uses 255.255.255.255) or maddr cannot make us flood a network; wildcard addresses and port 0 are not
    /// destinations at all.
    /// </summary>
    public static string? Refusal(IPEndPoint destination)
    {
        var address = destination.Address;
        if (destination.Port == 0) return $"port 0 is not a destination ({destination})";
        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)) return $"{address} is not a destination";
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> b = stackalloc byte[4];
            address.TryWriteBytes(b, out _);
            if (b[0] >= 224) return $"refusing to send to multicast or broadcast address {address}"; // 224/4 multicast, 240/4 reserved, 255.255.255.255
            return null;
        }

        return address.IsIPv6Multicast ? $"refusing to send to multicast address {address}" : null;
    }

    /// <summary>IPv4-mapped IPv6 addresses as plain IPv4, so one peer has one key (our sockets are not dual-mode).</summary>
    public static IPEndPoint Canonical(IPEndPoint endPoint) =>
        endPoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endPoint.Address.MapToIPv4(), endPoint.Port) : endPoint;
}
