using System.Net;
using System.Net.Sockets;
using Cinema.Sip.Messages;

namespace Cinema.Edge.Sip;

/// <summary>Whether a phone's contact can be reached directly, or only back through the flow it came in on.</summary>
internal static class NatDetection
{
    /// <summary>
    /// True for an RFC 5626 outbound registration (reg-id, or ;ob on the contact), or a contact address that is
    /// private (RFC 1918, RFC 6598, unique-local) and not the address the request came from: a phone behind NAT.
    /// </summary>
    public static bool NeedsFlow(SipUri contact, int? regId, IPAddress source)
    {
        if (regId is not null || contact.Parameters.Contains("ob")) return true;
        return IPAddress.TryParse(contact.HostName, out var address) && IsPrivate(address) && !address.Equals(Normal(source));
    }

    public static bool IsPrivate(IPAddress a)
    {
        a = Normal(a);
        var b = a.GetAddressBytes();
        return a.AddressFamily == AddressFamily.InterNetwork
            ? b[0] == 10 || (b[0] == 172 && (b[1] & 0xF0) == 16) || (b[0] == 192 && b[1] == 168) || (b[0] == 100 && (b[1] & 0xC0) == 64)
            : (b[0] & 0xFE) == 0xFC;
    }

    private static IPAddress Normal(IPAddress a) => a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a;
}
