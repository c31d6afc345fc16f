using System.Globalization;
using System.Net;

namespace Cinema.Sip.Transport;

/// <summary>A transport and an IP address and port: where a message came from or goes to.</summary>
public readonly record struct SipEndPoint(SipTransportKind Transport, IPEndPoint Address)
{
    public override string ToString() =>
        Transport.ViaName().ToLowerInvariant() + ":" + (Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? "[" + Address.Address + "]"
            : Address.Address.ToString()) + ":" + Address.Port.ToString(CultureInfo.InvariantCulture);
}
