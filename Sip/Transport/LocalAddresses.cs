using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Cinema.Sip.Transport;

/// <summary>The machine's own addresses, for listeners bound to a wildcard address with nothing advertised.</summary>
internal static class LocalAddresses
{
    /// <summary>The first non-loopback unicast address of an interface that is up (not IPv6 link-local), else loopback.</summary>
    public static IPAddress Primary(AddressFamily family)
    {
        try
        {
            foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
            {
                if (nic.OperationalStatus != OperationalStatus.Up || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback) continue;
                foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
                {
                    var address = unicast.Address;
                    if (address.AddressFamily == family && !IPAddress.IsLoopback(address) && !address.IsIPv6LinkLocal) return address;
                }
            }
        }
        catch (NetworkInformationException)
        {
            // No interface list on this platform: loopback is the honest answer.
        }

        return family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Loopback : IPAddress.Loopback;
    }
}
