namespace Cinema.Sip.Sdp;

/// <summary>A codec both sides accepted, with the payload type to use for it in this session.</summary>
/// <param name="PayloadType">The RTP payload type; the offerer's number (RFC 3264 §6.1).</param>
/// <param name="Codec">Our codec entry that matched.</param>
public sealed record NegotiatedCodec(int PayloadType, AudioCodec Codec)
{
    /// <summary>The peer's fmtp parameters for this payload type, e.g. its telephone-event range.</summary>
    public string? RemoteFmtp { get; init; }
}
