using System.Net;
using System.Net.NetworkInformation;
using Cinema.Edge.Configuration;
using Cinema.Sip.Messages;
using Cinema.Sip.Transport;

namespace Cinema.Edge.Sip;

/// <summary>
/// Who "we" are on the wire: the served domains, the addresses and ports we listen on, and the Via and
/// Record-Route values we put in requests. Built once the listeners are bound.
/// </summary>
public sealed class LocalIdentity
{
    private readonly IReadOnlySet<string> _domains;
    private readonly HashSet<IPAddress> _addresses = [];
    private readonly HashSet<int> _ports = [];
    private readonly ISipTransport _transport;
    private readonly Dictionary<SipTransportKind, string> _recordRoutes = [];
    private readonly string? _clusterHost;

    public LocalIdentity(EdgeSettings settings, ISipTransport transport, IReadOnlyList<SipEndPoint> listening)
    {
        _domains = settings.Domains;
        _transport = transport;
        _clusterHost = settings.RecordRouteHost;
        foreach (var ep in listening)
        {
            _ports.Add(ep.Address.Port);
            if (ep.Address.Address.Equals(IPAddress.Any) || ep.Address.Address.Equals(IPAddress.IPv6Any)) AddInterfaceAddresses();
            else _addresses.Add(ep.Address.Address);
        }
        foreach (var kind in listening.Select(l => l.Transport).Distinct())
        {
            var local = transport.LocalEndPointFor(kind);
            _addresses.Add(local.Address.Address);
            // With a gateway cluster name, in-dialog requests may come back through any gateway (RFC 3263 finds them).
            _recordRoutes[kind] = _clusterHost is not null
                ? $"<sip:{_clusterHost};transport={kind.ViaName().ToLowerInvariant()};lr>"
                : $"<sip:{Format(local.Address)};transport={kind.ViaName().ToLowerInvariant()};lr>";
        }
    }

    public IReadOnlySet<string> Domains => _domains;

    /// <summary>A domain this server is responsible for (RFC 3261 §16.4, §10.3 step 1).</summary>
    public bool IsOurDomain(string host) => _domains.Contains(host);

    /// <summary>
    /// True when the URI names this server itself: one of our addresses or served domains, on one of our ports
    /// (or with no port, meaning the default). Used to pop our own Route values (§16.4).
    /// </summary>
    public bool IsUs(SipUri uri)
    {
        if (!uri.IsSip) return false;
        var port = uri.Port ?? (uri.IsSecure || string.Equals(uri.Transport, "tls", StringComparison.Ordinal) ? 5061 : 5060);
        if (!_ports.Contains(port) && uri.Port is not null) return false;
        if (IPAddress.TryParse(uri.HostName, out var address)) return _addresses.Contains(address) && _ports.Contains(port);
        return IsOurDomain(uri.Host) || (_clusterHost is not null && string.Equals(uri.Host, _clusterHost, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The Record-Route value for requests that leave over <paramref name="transport"/> (RFC 3261 §16.6 step 4).</summary>
    public string RecordRoute(SipTransportKind transport) =>
        _recordRoutes.TryGetValue(transport, out var rr) ? rr : _recordRoutes.Values.First();

    /// <summary>
    /// This gateway's own Path value for a registration that came over <paramref name="flow"/> (RFC 3327 §5.1,
    /// RFC 5626 §5.2): its own address (not the cluster name: the flow lives here), the flow token as user part.
    /// </summary>
    public string PathFor(SipEndPoint flow, string flowToken)
    {
        var local = _transport.LocalEndPointFor(flow.Transport);
        return $"<sip:{flowToken}@{Format(local.Address)};transport={flow.Transport.ViaName().ToLowerInvariant()};lr;ob>";
    }

    /// <summary>The Record-Route of a dialog toward a flow this gateway holds: our own address, the flow's token.</summary>
    public string FlowRecordRoute(SipEndPoint flow, string flowToken) => PathFor(flow, flowToken).Replace(";ob>", ">", StringComparison.Ordinal);

    /// <summary>
    /// Whether a registration gets our Path (see <see cref="EdgeSettings.Path"/>): automatically when the phone can
    /// only be reached through this gateway: over a TCP/TLS connection it opened, or from behind NAT.
    /// </summary>
    public static bool AddsPath(PathMode mode, SipTransportKind transport, bool behindNat) => mode switch
    {
        PathMode.Always => true,
        PathMode.Never => false,
        _ => transport != SipTransportKind.Udp || behindNat,
    };

    /// <summary>Our sent-by for a request leaving over <paramref name="transport"/>.</summary>
    public SipEndPoint SentBy(SipTransportKind transport) => _transport.LocalEndPointFor(transport);

    public bool IsOurSentBy(Via via) =>
        IPAddress.TryParse(via.Host.Trim('[', ']'), out var address) && _addresses.Contains(address) && _ports.Contains(via.Port ?? via.DefaultPort);

    private void AddInterfaceAddresses()
    {
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            foreach (var unicast in nic.GetIPProperties().UnicastAddresses) _addresses.Add(unicast.Address);
        }
    }

    public static string Format(IPEndPoint ep) =>
        ep.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{ep.Address}]:{ep.Port}" : ep.ToString();
}
