namespace Cinema.Sip.Dns;

/// <summary>The failures after which RFC 3263 §4.3 says to try the next server.</summary>
public enum SipFailoverCause
{
    /// <summary>The transport reported an error (connection refused or reset, ICMP unreachable, TLS failure).</summary>
    TransportError,

    /// <summary>The transaction timed out (Timer B or F, RFC 3261 §17.1).</summary>
    Timeout,

    /// <summary>The server answered 503 Service Unavailable.</summary>
    ServiceUnavailable,
}
