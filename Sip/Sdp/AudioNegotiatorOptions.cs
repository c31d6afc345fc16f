using System.Collections.Immutable;

namespace Cinema.Sip.Sdp;

/// <summary>Our audio capabilities and the fixed parts of the SDP we write.</summary>
public sealed record AudioNegotiatorOptions
{
    private readonly ImmutableArray<AudioCodec> _codecs = [AudioCodec.Pcmu, AudioCodec.Pcma, AudioCodec.TelephoneEvent];
    private readonly ImmutableArray<string> _protocols = ["RTP/AVP"];

    /// <summary>Supported codecs in our order of preference, telephone-event included if we handle DTMF.</summary>
    public ImmutableArray<AudioCodec> Codecs { get => _codecs; init => _codecs = SdpLists.OrEmpty(value); }

    /// <summary>Transport protocols we accept; the first is used in offers. SRTP needs keys we do not negotiate.</summary>
    public ImmutableArray<string> Protocols { get => _protocols; init => _protocols = SdpLists.OrEmpty(value); }

    /// <summary>The packetization we want to receive, in ms (a=ptime); null to leave it to the codec default.</summary>
    public int? Ptime { get; init; }

    /// <summary>The largest packetization we can receive, in ms (a=maxptime).</summary>
    public int? MaxPtime { get; init; }

    /// <summary>Whether our media stack can multiplex RTP and RTCP on one port (RFC 5761).</summary>
    public bool RtcpMux { get; init; }

    /// <summary>The o= username; "-" when there is no user id (RFC 8866 §5.2).</summary>
    public string UserName { get; init; } = "-";

    /// <summary>The s= line; "-" as RFC 3264 §5 suggests.</summary>
    public string SessionName { get; init; } = "-";

    /// <summary>The o= sess-id; null picks a random one, which RFC 8866 §5.2 recommends.</summary>
    public ulong? SessionId { get; init; }

    /// <summary>The o= sess-version of the first description we write.</summary>
    public ulong InitialSessionVersion { get; init; } = 1;

    /// <inheritdoc/>
    public bool Equals(AudioNegotiatorOptions? other)
        => other is not null
            && SdpLists.SequenceEqual(_codecs, other._codecs)
            && SdpLists.SequenceEqual(_protocols, other._protocols)
            && Ptime == other.Ptime
            && MaxPtime == other.MaxPtime
            && RtcpMux == other.RtcpMux
            && string.Equals(UserName, other.UserName, StringComparison.Ordinal)
            && string.Equals(SessionName, other.SessionName, StringComparison.Ordinal)
            && SessionId == other.SessionId
            && InitialSessionVersion == other.InitialSessionVersion;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_codecs.Length, Ptime, UserName, SessionId);
}
