using System.Net;
using System.Net.Sockets;
using DnsClient;
using DnsClient.Protocol;

namespace Cinema.Sip.Dns;

/// <summary>Address (A/AAAA) resolution for a location run (RFC 3263 §4.2).</summary>
internal sealed partial class LocationRun
{
    private Task<IReadOnlyList<IPAddress>> ResolveAddressesAsync(string name, IReadOnlyList<DnsResourceRecord> additionals)
    {
        if (SipTarget.TryParseAddress(name, out var literal))
        {
            return Task.FromResult<IReadOnlyList<IPAddress>>([literal]);
        }

        // RFC 2782: servers may put the targets' addresses in the additional section, so use them
        // and save a round trip.
        var fromAdditionals = additionals
            .Where(r => DnsLookup.NamesEqual(r.DomainName.Value, name))
            .Select(r => r switch
            {
                ARecord a => a.Address,
                AaaaRecord aaaa => aaaa.Address,
                _ => null,
            })
            .OfType<IPAddress>()
            .Where(IsWanted)
            .ToList();
        if (fromAdditionals.Count > 0)
        {
            return Task.FromResult<IReadOnlyList<IPAddress>>(SortByPreference(fromAdditionals));
        }

        lock (_lock)
        {
            if (!_addressLookups.TryGetValue(name, out var lookup))
            {
                lookup = LookupAddressesAsync(name);
                _addressLookups[name] = lookup;
            }

            return lookup;
        }
    }

    private async Task<IReadOnlyList<IPAddress>> LookupAddressesAsync(string name)
    {
        var preference = _settings.AddressFamilyPreference;
        var v4 = preference == SipAddressFamilyPreference.IPv6Only ? null : QueryAsync(name, QueryType.A);
        var v6 = preference == SipAddressFamilyPreference.IPv4Only ? null : QueryAsync(name, QueryType.AAAA);
        var results = await Task.WhenAll(new[] { v4, v6 }.OfType<Task<DnsAnswer>>()).ConfigureAwait(false);

        var addresses = results
            .SelectMany(r => r.Answers)
            .Select(r => r switch
            {
                ARecord a => a.Address,
                AaaaRecord aaaa => aaaa.Address,
                _ => null,
            })
            .OfType<IPAddress>()
            .ToList();
        return SortByPreference(addresses);
    }

    private bool IsWanted(IPAddress address) => _settings.AddressFamilyPreference switch
    {
        SipAddressFamilyPreference.IPv4Only => address.AddressFamily == AddressFamily.InterNetwork,
        SipAddressFamilyPreference.IPv6Only => address.AddressFamily == AddressFamily.InterNetworkV6,
        _ => true,
    };

    private List<IPAddress> SortByPreference(IEnumerable<IPAddress> addresses)
    {
        var first = _settings.AddressFamilyPreference == SipAddressFamilyPreference.PreferIPv6
            ? AddressFamily.InterNetworkV6
            : AddressFamily.InterNetwork;

        // Stable: keeps the server's order (and any round-robin it does) within a family.
        return addresses.Where(IsWanted).OrderBy(a => a.AddressFamily == first ? 0 : 1).ToList();
    }
}
