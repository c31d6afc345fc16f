namespace Cinema.Sip.Dns;

/// <summary>Which address records to look up for a host, and which family to try first.</summary>
public enum SipAddressFamilyPreference
{
    /// <summary>A and AAAA; IPv4 addresses first.</summary>
    PreferIPv4,

    /// <summary>A and AAAA; IPv6 addresses first.</summary>
    PreferIPv6,

    /// <summary>A records only.</summary>
    IPv4Only,

    /// <summary>AAAA records only.</summary>
    IPv6Only,
}
