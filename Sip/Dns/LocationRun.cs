using System.Net;
using DnsClient;
using DnsClient.Protocol;

using Cinema.Sip.Transport;

namespace Cinema.Sip.Dns;

/// <summary>One RFC 3263 §4 resolution of a non-numeric target. Not reused across calls.</summary>
internal sealed partial class LocationRun
{
    private readonly IDnsQuery _dns;
    private readonly LocatorSettings _settings;
    private readonly Func<IEnumerable<SrvEntry>, List<SrvEntry>> _orderSrv;
    private readonly CancellationToken _cancellationToken;
    private readonly string _host;
    private readonly bool _secure;
    private readonly List<DnsAnswer> _answers = [];
    private readonly Dictionary<string, Task<IReadOnlyList<IPAddress>>> _addressLookups = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _lock = new();

    public LocationRun(
        IDnsQuery dns,
        LocatorSettings settings,
        Func<IEnumerable<SrvEntry>, List<SrvEntry>> orderSrv,
        string host,
        bool secure,
        CancellationToken cancellationToken)
    {
        _dns = dns;
        _settings = settings;
        _orderSrv = orderSrv;
        _host = host;
        _secure = secure;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Every DNS answer seen, in completion order; used for failure reasons and logging.</summary>
    public IReadOnlyList<DnsAnswer> Answers
    {
        get
        {
            lock (_lock)
            {
                return [.. _answers];
            }
        }
    }

    /// <summary>RFC 3263 §4.2: a port in the URI means plain A/AAAA lookups, no SRV.</summary>
    public async Task<SipServerLocation> ResolveWithPortAsync(int port, SipTransportKind transport)
    {
        var addresses = await ResolveAddressesAsync(_host, []).ConfigureAwait(false);
        return Finish(addresses.Select(a => Endpoint(a, port, transport)));
    }

    /// <summary>RFC 3263 §4.2: transport chosen by the URI, so SRV for that transport only, then A/AAAA.</summary>
    public Task<SipServerLocation> ResolveWithTransportAsync(SipTransportKind transport) =>
        ResolveServicesAsync([new SrvService(SipTransportRules.SrvPrefix(transport) + _host, transport)], transport);

    /// <summary>RFC 3263 §4.1: NAPTR first; without usable NAPTR, SRV for each supported transport.</summary>
    public async Task<SipServerLocation> ResolveWithDiscoveryAsync(SipTransportKind fallbackTransport)
    {
        var naptr = await QueryAsync(_host, QueryType.NAPTR).ConfigureAwait(false);
        var services = SelectNaptrServices(naptr);
        if (services.Count > 0)
        {
            // RFC 3263 §4.2: without SRV records the transport found by NAPTR still applies.
            return await ResolveServicesAsync(services, services[0].Transport).ConfigureAwait(false);
        }

        // RFC 3263 §4.1: "If no NAPTR records are found, the client constructs SRV queries for those
        // transport protocols it supports"; "_sips" for SIPS URIs, where only TLS is acceptable.
        IReadOnlyList<SipTransportKind> transports = _secure ? [SipTransportKind.Tls] : _settings.Transports;
        var fallbackServices = transports
            .Select(t => new SrvService(SipTransportRules.SrvPrefix(t) + _host, t))
            .ToList();
        return await ResolveServicesAsync(fallbackServices, fallbackTransport).ConfigureAwait(false);
    }

    private List<SrvService> SelectNaptrServices(DnsAnswer naptr) =>
        naptr.Answers
            .OfType<NAPtrRecord>()

            // RFC 3263 §4.1: SIP NAPTR records are terminal ("S" flag) and point at SRV via the
            // replacement field; anything else belongs to another application.
            .Where(r => string.Equals(r.Flags, "s", StringComparison.OrdinalIgnoreCase))
            .Where(r => !string.IsNullOrEmpty(r.Replacement?.Value) && r.Replacement.Value != ".")
            .Select(r => (Record: r, Ok: SipTransportRules.TryParseNaptrService(r.Services, _secure, out var t), Transport: t))
            .Where(x => x.Ok && _settings.Transports.Contains(x.Transport))

            // RFC 3403 §4.1: lowest Order first, then lowest Preference. OrderBy is stable, so DNS
            // order breaks ties.
            .OrderBy(x => x.Record.Order)
            .ThenBy(x => x.Record.Preference)
            .Select(x => new SrvService(x.Record.Replacement.Value.TrimEnd('.'), x.Transport))
            .ToList();

    private async Task<SipServerLocation> ResolveServicesAsync(IReadOnlyList<SrvService> services, SipTransportKind fallbackTransport)
    {
        var srvAnswers = await Task.WhenAll(services.Select(s => QueryAsync(s.Name, QueryType.SRV))).ConfigureAwait(false);

        // Random ordering runs in service order, after all answers are in, so a seeded or scripted
        // Random gives the same result regardless of which answer arrived first.
        var selected = new List<(SrvService Service, List<SrvEntry> Entries, IReadOnlyList<DnsResourceRecord> Additionals)>();
        var unavailable = false;
        for (var i = 0; i < services.Count; i++)
        {
            var records = srvAnswers[i].Answers.OfType<SrvRecord>().ToList();
            if (records.Count == 0)
            {
                continue;
            }

            // RFC 2782: a target of "." means "the service is decidedly not available at this domain".
            var usable = records
                .Where(r => r.Target.Value.TrimEnd('.').Length > 0)
                .Select(r => new SrvEntry(r.Priority, r.Weight, r.Port, r.Target.Value.TrimEnd('.')))
                .ToList();
            if (usable.Count == 0)
            {
                unavailable = true;
                continue;
            }

            selected.Add((services[i], _orderSrv(usable), srvAnswers[i].Additionals));
        }

        if (selected.Count == 0)
        {
            if (unavailable)
            {
                var names = string.Join(", ", services.Select(s => s.Name));
                return SipServerLocation.Failure(
                    SipLocationError.ServiceNotAvailable,
                    $"SRV for {names} says the service is not available (target \".\").");
            }

            // RFC 3263 §4.2: "If no SRV records were found, the client performs an A or AAAA record
            // lookup of the domain name", using the default port of the chosen transport.
            return await ResolveWithPortAsync(fallbackTransport.DefaultPort(), fallbackTransport).ConfigureAwait(false);
        }

        // RFC 3263 §4.3: every address of every target, in SRV order, so the caller can fail over to
        // the next one. Targets shared between services are looked up once.
        var lookups = selected
            .SelectMany(s => s.Entries.Select(e => (s.Service, Entry: e, Addresses: ResolveAddressesAsync(e.Target, s.Additionals))))
            .ToList();
        await Task.WhenAll(lookups.Select(l => l.Addresses)).ConfigureAwait(false);

        var endpoints = new List<SipServerEndpoint>();
        foreach (var (service, entry, addresses) in lookups)
        {
            endpoints.AddRange((await addresses.ConfigureAwait(false)).Select(a => Endpoint(a, entry.Port, service.Transport)));
        }

        return Finish(endpoints);
    }

    private async Task<DnsAnswer> QueryAsync(string name, QueryType type)
    {
        var answer = await DnsLookup.QueryAsync(_dns, name, type, _cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            _answers.Add(answer);
        }

        return answer;
    }

    private SipServerEndpoint Endpoint(IPAddress address, int port, SipTransportKind transport) =>
        new(new IPEndPoint(address, port), transport, _host);

    private SipServerLocation Finish(IEnumerable<SipServerEndpoint> endpoints)
    {
        var distinct = endpoints.DistinctBy(e => (e.EndPoint, e.Transport)).ToList();
        return distinct.Count > 0 ? SipServerLocation.Success(distinct) : Explain();
    }

    /// <summary>Picks the most telling reason for finding nothing.</summary>
    private SipServerLocation Explain()
    {
        var answers = Answers;

        // A timeout or server error means the real answer is unknown, which matters more to an
        // operator than the NXDOMAINs that may have followed from it.
        foreach (var (outcome, error) in new[]
        {
            (DnsOutcome.InvalidName, SipLocationError.InvalidTarget),
            (DnsOutcome.Timeout, SipLocationError.Timeout),
            (DnsOutcome.Failure, SipLocationError.DnsFailure),
        })
        {
            var first = answers.FirstOrDefault(a => a.Outcome == outcome);
            if (first is not null)
            {
                return SipServerLocation.Failure(error, $"No SIP server found for '{_host}': {first.Describe()}.");
            }
        }

        var addressQueries = answers.Where(a => a.Type is QueryType.A or QueryType.AAAA).ToList();
        var missing = addressQueries.FirstOrDefault(a => a.Outcome == DnsOutcome.NameNotFound);
        if (missing is not null)
        {
            return SipServerLocation.Failure(SipLocationError.NameNotFound, $"No SIP server found for '{_host}': {missing.Describe()}.");
        }

        var names = string.Join(", ", addressQueries.Select(a => a.Name).Distinct(StringComparer.OrdinalIgnoreCase));
        return SipServerLocation.Failure(SipLocationError.NoAddresses, $"No SIP server found for '{_host}': no address records for {names}.");
    }

    private readonly record struct SrvService(string Name, SipTransportKind Transport);
}
