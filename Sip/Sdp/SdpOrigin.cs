namespace Cinema.Sip.Sdp;

/// <summary>The <c>o=</c> line (RFC 8866 §5.2).</summary>
/// <param name="UserName">The user's login on the originating host, or "-".</param>
/// <param name="SessionId">Numeric string identifying the session; kept verbatim because only identity matters.</param>
/// <param name="SessionVersion">Incremented whenever the description changes (RFC 3264 §8).</param>
/// <param name="NetType">Network type, "IN" for the Internet.</param>
/// <param name="AddressType">"IP4" or "IP6".</param>
/// <param name="Address">Address (or FQDN) of the originating host.</param>
public sealed record SdpOrigin(
    string UserName,
    string SessionId,
    ulong SessionVersion,
    string NetType,
    string AddressType,
    string Address)
{
    /// <summary>The same origin with <see cref="SessionVersion"/> incremented, as RFC 3264 §8 requires for a new offer.</summary>
    public SdpOrigin WithNextVersion() => this with { SessionVersion = unchecked(SessionVersion + 1) };
}
