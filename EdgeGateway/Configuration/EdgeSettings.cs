using System.Net;
using System.Net.Sockets;
using Cinema.Sip.Parsing;
using Cinema.Sip.Transport;
using Microsoft.Extensions.Configuration;

namespace Cinema.Edge.Configuration;

/// <summary>
/// What the SIP edge needs from configuration (Cinema:Domains, Cinema:Sip:*, Cinema:Redirect:*, Cinema:Auth:*, Cinema:Limits:*),
/// read once at start-up; every bad value stops start-up with a message naming the key and the value.
/// </summary>
public sealed record EdgeSettings
{
    /// <summary>SIP domains served here (lower-case): REGISTER and requests for them go to the registrar/location service.</summary>
    public required IReadOnlySet<string> Domains { get; init; }

    /// <summary>Domains answered with 302 and the current contacts instead of being proxied.</summary>
    public required IReadOnlySet<string> RedirectDomains { get; init; }

    public required SipTransportOptions Transport { get; init; }

    /// <summary>False when Cinema:Sip:Listen is "none": no SIP here at all.</summary>
    public bool ServesSip => Transport.Listen.Count > 0;

    /// <summary>Whether requests must carry digest credentials (Cinema:Auth:Required).</summary>
    public required bool AuthRequired { get; init; }

    /// <summary>Slowing down and blocking repeated authentication failures (Cinema:Auth:Throttle:*).</summary>
    public Auth.ThrottleSettings Throttle { get; init; } = new();

    /// <summary>
    /// Digest algorithms offered, most preferred first (Cinema:Auth:Algorithms, default SHA-256, MD5). Clients that
    /// know MD5 alone may need it first (SIPp 3.6 reads only the first challenge) or alone (baresip 1.0 gives up
    /// when any challenge names an algorithm it does not know).
    /// </summary>
    public IReadOnlyList<Cinema.Sip.Auth.DigestAlgorithm> AuthAlgorithms { get; init; } = [Cinema.Sip.Auth.DigestAlgorithm.Sha256, Cinema.Sip.Auth.DigestAlgorithm.Md5];

    /// <summary>
    /// New requests being worked on (grain calls under way) beyond which new ones are refused with 503 and
    /// Retry-After (Cinema:Limits:MaxPendingRequests; 0 turns it off): a bound on work and memory when grain calls
    /// stall (a storage outage, a cluster failing over), about a second of work at full speed. It is no latency
    /// control: at 2,000 it refused too early under SIPstone overload (bench/RESULTS.md).
    /// </summary>
    public int MaxPendingRequests { get; init; } = 10_000;

    /// <summary>
    /// How long the process must be quiet after its heap grew by a burst before a full collection gives the memory
    /// back (Cinema:Memory:SettleAfterQuietSeconds; 0 turns it off). See <see cref="Hosting.MemorySettlePolicy"/>.
    /// </summary>
    public TimeSpan MemorySettleAfterQuiet { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a digest nonce stays valid (Cinema:Auth:NonceSeconds); older ones get stale=true.</summary>
    public TimeSpan NonceLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Timer C of RFC 3261 §16.6 step 11 (more than 3 minutes).</summary>
    public TimeSpan TimerC { get; init; } = TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(1);

    /// <summary>Names this gateway in bindings (so calls to a TCP/TLS flow can leave through it).</summary>
    public required string GatewayId { get; init; }

    /// <summary>
    /// The host name of the gateway cluster (Cinema:Sip:RecordRouteHost), put in Record-Route so that in-dialog
    /// requests reach any gateway (DNS SRV names them all); null: this gateway's own address.
    /// </summary>
    public string? RecordRouteHost { get; init; }

    /// <summary>
    /// Put a Path with a flow token in registrations (RFC 3327, RFC 5626), so calls to a phone leave through the
    /// gateway and connection it registered over (Cinema:Sip:Path: auto, always or never). Auto adds it for TCP/TLS
    /// registrations and for phones behind NAT or using outbound (RFC 5626), which only this gateway can reach.
    /// </summary>
    public PathMode Path { get; init; } = PathMode.Auto;

    /// <summary>Record calls in dialog grains (Cinema:Calls:Record).</summary>
    public bool RecordCalls { get; init; } = true;

    public static EdgeSettings Read(IConfiguration config)
    {
        var domains = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var configured = ConfigReader.List(config, "Cinema:Domains");
        if (configured is null)
        {
            foreach (var d in DefaultDomains()) domains.Add(d);
        }
        else
        {
            for (var i = 0; i < configured.Count; i++)
            {
                var d = configured[i];
                if (Uri.CheckHostName(d.Trim('[', ']')) == UriHostNameType.Unknown)
                    throw new ConfigurationException($"Cinema:Domains:{i}", d, "not a host name or IP address");
                domains.Add(d.ToLowerInvariant());
            }
        }

        var redirect = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var redirectList = ConfigReader.List(config, "Cinema:Redirect:Domains") ?? [];
        for (var i = 0; i < redirectList.Count; i++)
        {
            if (!domains.Contains(redirectList[i]))
                throw new ConfigurationException($"Cinema:Redirect:Domains:{i}", redirectList[i], "redirect mode applies to a served domain; add it to Cinema:Domains");
            redirect.Add(redirectList[i].ToLowerInvariant());
        }

        var listen = ConfigReader.List(config, "Cinema:Sip:Listen") ?? ["udp:0.0.0.0:5060", "tcp:0.0.0.0:5060"];
        // "none": a silo of a cluster that leaves SIP to its stand-alone gateways.
        if (listen is ["none"]) listen = [];
        for (var i = 0; i < listen.Count; i++)
        {
            if (!ListenEndPoint.TryParse(listen[i], out _, out var error))
                throw new ConfigurationException($"Cinema:Sip:Listen:{i}", listen[i], error);
        }
        var advertised = ConfigReader.List(config, "Cinema:Sip:Advertise") ?? [];
        for (var i = 0; i < advertised.Count; i++)
        {
            if (!IPAddress.TryParse(advertised[i], out _))
                throw new ConfigurationException($"Cinema:Sip:Advertise:{i}", advertised[i], "expected an IP address to put in Via and Record-Route");
        }

        var tls = new SipTlsOptions
        {
            CertificatePath = ConfigReader.Text(config, "Cinema:Sip:Tls:Certificate"),
            KeyPath = ConfigReader.Text(config, "Cinema:Sip:Tls:Key"),
            CertificatePassword = ConfigReader.Text(config, "Cinema:Sip:Tls:Password"),
        };
        if (tls.CertificatePath is { } cert && !File.Exists(cert))
            throw new ConfigurationException("Cinema:Sip:Tls:Certificate", cert, "file not found");
        if (listen.Any(l => l.StartsWith("tls:", StringComparison.OrdinalIgnoreCase)) && tls.CertificatePath is null)
            throw new ConfigurationException("Cinema:Sip:Tls:Certificate", null, "a tls: listener needs a certificate file (PFX, or PEM with Cinema:Sip:Tls:Key)");

        var perSecond = ConfigReader.Number(config, "Cinema:Limits:PerSourceRequestsPerSecond", SourceRateLimit.DefaultRequestsPerSecond, 0, 1_000_000);
        // 0 turns the limit off (trunks, load tests); the burst defaults to a few seconds' worth of the rate.
        var burst = ConfigReader.Number(config, "Cinema:Limits:PerSourceBurst", Math.Max(1, perSecond * SourceRateLimit.DefaultBurstSeconds), 1, 10_000_000);
        var rateLimit = perSecond == 0 ? SourceRateLimit.Off : new SourceRateLimit { RequestsPerSecond = perSecond, Burst = burst };
        var parserLimits = ParserLimits.Default with
        {
            // Below a few kilobytes real INVITEs with SDP no longer fit; above a megabyte one connection's buffer
            // (the framer holds a whole message) costs more than a phone is worth.
            MaxMessageBytes = ConfigReader.Number(config, "Cinema:Limits:MaxMessageBytes", ParserLimits.Default.MaxMessageBytes, 4_096, 1_048_576),
            MaxHeaderCount = ConfigReader.Number(config, "Cinema:Limits:MaxHeaderCount", ParserLimits.Default.MaxHeaderCount, 32, 10_000),
        };

        var transport = new SipTransportOptions
        {
            Limits = parserLimits,
            SourceRateLimit = rateLimit,
            Listen = listen,
            AdvertisedAddresses = advertised,
            Tls = tls,
            MaxConnections = ConfigReader.Number(config, "Cinema:Limits:MaxConnections", 10_000, 1, 1_000_000),
            MaxConnectionsPerAddress = ConfigReader.Number(config, "Cinema:Limits:MaxConnectionsPerAddress", 128, 1, 1_000_000),
            IdleTimeout = ConfigReader.Seconds(config, "Cinema:Limits:IdleConnectionSeconds", TimeSpan.FromMinutes(10), 1, 86_400),
            MessageCompletionTimeout = ConfigReader.Seconds(config, "Cinema:Limits:MessageCompletionSeconds", TimeSpan.FromSeconds(20), 0.1, 3600),
        };
        if (listen.Count > 0 && transport.Validate() is { } problem) throw new ConfigurationException("Cinema:Sip", null, problem);

        return new EdgeSettings
        {
            Domains = domains,
            RedirectDomains = redirect,
            Transport = transport,
            AuthRequired = ConfigReader.Bool(config, "Cinema:Auth:Required", true),
            Throttle = new Auth.ThrottleSettings
            {
                SourceFailures = ConfigReader.Number(config, "Cinema:Auth:Throttle:SourceFailures", 10, 1, 1_000_000),
                UserFailures = ConfigReader.Number(config, "Cinema:Auth:Throttle:UserFailures", 30, 1, 1_000_000),
                Window = ConfigReader.Seconds(config, "Cinema:Auth:Throttle:WindowSeconds", TimeSpan.FromMinutes(10), 1, 86_400),
                Block = ConfigReader.Seconds(config, "Cinema:Auth:Throttle:BlockSeconds", TimeSpan.FromMinutes(10), 0, 86_400 * 7),
                MaxDelay = ConfigReader.Seconds(config, "Cinema:Auth:Throttle:MaxDelaySeconds", TimeSpan.FromSeconds(4), 0, 30),
            },
            AuthAlgorithms = AlgorithmsOf(config),
            NonceLifetime = ConfigReader.Seconds(config, "Cinema:Auth:NonceSeconds", TimeSpan.FromMinutes(5), 1, 3600),
            TimerC = ConfigReader.Seconds(config, "Cinema:Sip:TimerCSeconds", TimeSpan.FromSeconds(181), 181, 3600),
            GatewayId = ConfigReader.Text(config, "Cinema:Edge:Id") ?? Dns.GetHostName() + ":" + Environment.ProcessId,
            RecordCalls = ConfigReader.Bool(config, "Cinema:Calls:Record", true),
            MaxPendingRequests = ConfigReader.Number(config, "Cinema:Limits:MaxPendingRequests", 10_000, 0, 1_000_000),
            MemorySettleAfterQuiet = ConfigReader.Seconds(config, "Cinema:Memory:SettleAfterQuietSeconds", TimeSpan.FromSeconds(5), 0, 3600),
            RecordRouteHost = RecordRouteHostOf(config),
            Path = ConfigReader.Text(config, "Cinema:Sip:Path")?.ToLowerInvariant() switch
            {
                null or "auto" => PathMode.Auto,
                "always" => PathMode.Always,
                "never" => PathMode.Never,
                var other => throw new ConfigurationException("Cinema:Sip:Path", other, "expected auto, always or never"),
            },
        };
    }

    private static List<Cinema.Sip.Auth.DigestAlgorithm> AlgorithmsOf(IConfiguration config)
    {
        var names = ConfigReader.List(config, "Cinema:Auth:Algorithms");
        if (names is null) return [Cinema.Sip.Auth.DigestAlgorithm.Sha256, Cinema.Sip.Auth.DigestAlgorithm.Md5];
        var list = new List<Cinema.Sip.Auth.DigestAlgorithm>();
        for (var i = 0; i < names.Count; i++)
        {
            if (!Cinema.Sip.Auth.DigestAlgorithm.TryParse(names[i], out var algorithm) || algorithm is null || algorithm.IsSession)
                throw new ConfigurationException($"Cinema:Auth:Algorithms:{i}", names[i], "expected SHA-256, SHA-512-256 or MD5");
            list.Add(algorithm);
        }
        return list;
    }

    private static string? RecordRouteHostOf(IConfiguration config)
    {
        var host = ConfigReader.Text(config, "Cinema:Sip:RecordRouteHost");
        if (host is not null && Uri.CheckHostName(host.Trim('[', ']')) == UriHostNameType.Unknown)
            throw new ConfigurationException("Cinema:Sip:RecordRouteHost", host, "not a host name or IP address");
        return host?.ToLowerInvariant();
    }

    /// <summary>localhost, this machine's name and its addresses: what a phone on the LAN would put in its AOR.</summary>
    private static IEnumerable<string> DefaultDomains()
    {
        yield return "localhost";
        yield return "127.0.0.1";
        var host = Dns.GetHostName().ToLowerInvariant();
        yield return host;
        IPAddress[] addresses;
        try
        {
            addresses = Dns.GetHostAddresses(host);
        }
        catch (SocketException)
        {
            addresses = [];
        }
        foreach (var a in addresses) yield return a.AddressFamily == AddressFamily.InterNetworkV6 ? "[" + a + "]" : a.ToString();
    }
}
