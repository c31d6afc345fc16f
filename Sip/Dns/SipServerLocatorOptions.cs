using System.Net;

using Cinema.Sip.Transport;

namespace Cinema.Sip.Dns;

/// <summary>Settings for <see cref="SipServerLocator"/>.</summary>
public sealed class SipServerLocatorOptions
{
    /// <summary>
    /// DNS servers to ask, in order. Empty means the operating system's resolver configuration.
    /// Operators and tests set this to pin resolution to known servers (any address and port).
    /// </summary>
    public IList<IPEndPoint> NameServers { get; } = [];

    /// <summary>
    /// Transports this client supports, most preferred first. Used to filter NAPTR services and to
    /// order the SRV queries made when a domain has no NAPTR records (RFC 3263 §4.1).
    /// </summary>
    public IList<SipTransportKind> Transports { get; } = [SipTransportKind.Udp, SipTransportKind.Tcp, SipTransportKind.Tls];

    /// <summary>
    /// Address families to resolve and their order. IPv4 first by default: over UDP a wrong first
    /// choice costs a whole transaction timeout (RFC 3261 §17.1.1.2 Timer B, 32 s) before failover.
    /// </summary>
    public SipAddressFamilyPreference AddressFamilyPreference { get; set; } = SipAddressFamilyPreference.PreferIPv4;

    /// <summary>Time to wait for one DNS answer before retrying.</summary>
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Retries per DNS server after a timeout or SERVFAIL.</summary>
    public int QueryRetries { get; set; } = 1;

    /// <summary>Upper bound for a whole <see cref="ISipServerLocator.LocateAsync"/> call, so callers never hang.</summary>
    public TimeSpan ResolutionTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Cache answers for their TTL (RFC 1035 §3.2.1).</summary>
    public bool UseCache { get; set; } = true;

    /// <summary>Lower bound for cached TTLs, or null to use record TTLs as they are.</summary>
    public TimeSpan? MinimumCacheTtl { get; set; }

    /// <summary>Upper bound for cached TTLs, or null for no bound.</summary>
    public TimeSpan? MaximumCacheTtl { get; set; }

    /// <summary>How long NXDOMAIN and error answers are cached (RFC 2308 negative caching).</summary>
    public TimeSpan NegativeCacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Checks the settings and returns a message for the first invalid one, or null.</summary>
    internal string? Validate()
    {
        if (Transports.Count == 0)
        {
            return "At least one transport must be enabled.";
        }

        if (QueryTimeout <= TimeSpan.Zero || ResolutionTimeout <= TimeSpan.Zero)
        {
            return "Timeouts must be positive.";
        }

        if (QueryRetries < 0)
        {
            return "QueryRetries must not be negative.";
        }

        if (NegativeCacheDuration < TimeSpan.Zero)
        {
            return "NegativeCacheDuration must not be negative.";
        }

        return null;
    }
}
