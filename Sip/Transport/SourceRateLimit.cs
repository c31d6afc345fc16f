namespace Cinema.Sip.Transport;

/// <summary>
/// How many requests one source may send, as a token bucket per source: <see cref="Burst"/> requests at once, then
/// <see cref="RequestsPerSecond"/> on average. A source is an IPv4 address or an IPv6 /64, because a host picks its
/// own interface identifier (RFC 4291 §2.5.1, RFC 8981) and could otherwise take a fresh bucket for every request.
/// Datagrams over the limit are dropped before they are parsed; a connection over it is read more slowly, so that
/// TCP flow control holds the sender back and nothing is lost. Responses have their own bucket per source,
/// <see cref="ResponseAllowance"/> times as large, so that the answers to our own requests are never starved by the
/// same peer's requests.
/// </summary>
/// <remarks>
/// The default is sized for a busy office behind one NAT address: a thousand phones that re-register every
/// minute with digest authentication (two requests each), keep their NAT bindings open with OPTIONS every
/// 30 seconds, and place a call each a minute (INVITE, its authenticated repeat, ACK, PRACK, BYE) send about
/// 200 requests per second; 500 leaves room for more than twice that. The burst of 2,000 takes every one of those
/// phones re-registering with authentication at once after a power cut or a router reboot. Trunks and load
/// generators that send more from one address turn the limit off (<see cref="Off"/>).
/// </remarks>
public sealed record SourceRateLimit
{
    public const int DefaultRequestsPerSecond = 500;

    /// <summary>The default burst is this many seconds of the rate.</summary>
    public const int DefaultBurstSeconds = 4;

    /// <summary>No limit: every message is let in.</summary>
    public static readonly SourceRateLimit Off = new() { RequestsPerSecond = 0 };

    /// <summary>Average requests per second from one source; 0 turns the limit off.</summary>
    public int RequestsPerSecond { get; init; } = DefaultRequestsPerSecond;

    /// <summary>Requests one source may send at once, after having been quiet (the size of its bucket).</summary>
    public int Burst { get; init; } = DefaultRequestsPerSecond * DefaultBurstSeconds;

    /// <summary>
    /// Responses from one source may come this many times as fast as its requests: every request we send there is
    /// answered by up to a few provisional responses and a final one, which the UAS retransmits over UDP until
    /// it hears an ACK (RFC 3261 §13.3.1.4, §17.2.1).
    /// </summary>
    public int ResponseAllowance { get; init; } = 4;

    /// <summary>
    /// Sources with a bucket at once. A source's bucket is forgotten as soon as it has refilled (the bucket a new
    /// source gets is the same), so this only fills when more sources than this send within a second or so; sources
    /// beyond it then share one bucket, which bounds memory under a flood from forged addresses.
    /// </summary>
    public int MaxTrackedSources { get; init; } = 100_000;

    public bool IsOn => RequestsPerSecond > 0;

    /// <summary>Returns a message naming the first invalid setting, or null.</summary>
    public string? Validate()
    {
        if (RequestsPerSecond < 0) return "RequestsPerSecond must not be negative (0 turns the limit off).";
        if (!IsOn) return null;
        if (Burst < 1) return "Burst must be at least 1.";
        if (ResponseAllowance < 1) return "ResponseAllowance must be at least 1.";
        if ((long)Math.Max(RequestsPerSecond, Burst) * ResponseAllowance > int.MaxValue)
            return "RequestsPerSecond and Burst times ResponseAllowance must fit in an int.";
        return MaxTrackedSources < 1 ? "MaxTrackedSources must be at least 1." : null;
    }
}
