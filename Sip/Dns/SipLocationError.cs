namespace Cinema.Sip.Dns;

/// <summary>Why server location produced no endpoint.</summary>
public enum SipLocationError
{
    /// <summary>Location succeeded.</summary>
    None,

    /// <summary>The target is malformed (for example an empty host).</summary>
    InvalidTarget,

    /// <summary>The requested transport is unknown, not enabled, or not allowed with sips: (RFC 3261 §26.2).</summary>
    UnsupportedTransport,

    /// <summary>The DNS name does not exist (NXDOMAIN).</summary>
    NameNotFound,

    /// <summary>The name exists but has no usable address records.</summary>
    NoAddresses,

    /// <summary>SRV said the service is decidedly not available at this domain (target ".", RFC 2782).</summary>
    ServiceNotAvailable,

    /// <summary>A DNS server did not answer in time; the real answer is unknown.</summary>
    Timeout,

    /// <summary>A DNS server answered with an error such as SERVFAIL or REFUSED.</summary>
    DnsFailure,
}
