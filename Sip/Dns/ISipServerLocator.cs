namespace Cinema.Sip.Dns;

/// <summary>Resolves a SIP target into the ordered endpoints to contact (RFC 3263 §4).</summary>
public interface ISipServerLocator
{
    /// <summary>
    /// Locates the servers for <paramref name="target"/>. Never throws for DNS failures; those are
    /// reported through <see cref="SipServerLocation.Error"/>. Throws only when
    /// <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    Task<SipServerLocation> LocateAsync(SipTarget target, CancellationToken cancellationToken = default);
}
