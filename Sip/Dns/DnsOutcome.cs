namespace Cinema.Sip.Dns;

/// <summary>How one DNS query ended, as far as server location cares.</summary>
internal enum DnsOutcome
{
    Records,
    NoData,
    NameNotFound,
    Timeout,
    Failure,
    InvalidName,
}
