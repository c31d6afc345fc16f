using System.Collections.Immutable;
using System.Net;

namespace Cinema.Sip.Sdp;

/// <summary>The outcome of an offer/answer exchange for the audio stream, seen from our side.</summary>
public sealed record NegotiatedAudio
{
    private readonly ImmutableArray<NegotiatedCodec> _codecs = [];

    /// <summary>Index of the audio m= line in the offer and answer.</summary>
    public int MediaIndex { get; init; }

    /// <summary>The codec to send with: the first common one in the offer's order (RFC 3264 §6.1).</summary>
    public required NegotiatedCodec Codec { get; init; }

    /// <summary>All common voice codecs, first is <see cref="Codec"/>; the peer may switch among them.</summary>
    public ImmutableArray<NegotiatedCodec> Codecs { get => _codecs; init => _codecs = SdpLists.OrEmpty(value); }

    /// <summary>The telephone-event payload (RFC 4733), preferring the voice codec's clock rate; null if not agreed.</summary>
    public NegotiatedCodec? TelephoneEvent { get; init; }

    /// <summary>The peer's connection address for RTP (media-level c=, else session-level).</summary>
    public required SdpConnection RemoteConnection { get; init; }

    /// <summary>The peer's RTP port.</summary>
    public int RemotePort { get; init; }

    /// <summary>The peer's RTCP port: the RTP port with rtcp-mux, else a=rtcp, else RTP port + 1 (RFC 3605, RFC 5761).</summary>
    public int RemoteRtcpPort { get; init; }

    /// <summary>Whether both sides agreed to multiplex RTP and RTCP (RFC 5761 §5.1.1).</summary>
    public bool RtcpMux { get; init; }

    /// <summary>What we may do: send, receive, both or neither.</summary>
    public MediaDirection Direction { get; init; }

    /// <summary>
    /// True when the peer does not want our media: it wrote sendonly or inactive, or the old-style
    /// c=0.0.0.0 (RFC 3264 §8.4).
    /// </summary>
    public bool IsRemoteHold { get; init; }

    /// <summary>The packetization the peer wants to receive, from its a=ptime (RFC 8866 §6.4).</summary>
    public int? RemotePtime { get; init; }

    /// <summary>The peer's a=maxptime (RFC 8866 §6.5).</summary>
    public int? RemoteMaxPtime { get; init; }

    /// <summary>The peer's RTP endpoint when its address is an IP literal; null for an FQDN.</summary>
    public IPEndPoint? RemoteEndPoint
        => RemoteConnection.TryGetIPAddress(out var address) ? new IPEndPoint(address, RemotePort) : null;

    /// <inheritdoc/>
    public bool Equals(NegotiatedAudio? other)
        => other is not null
            && MediaIndex == other.MediaIndex
            && Codec == other.Codec
            && SdpLists.SequenceEqual(_codecs, other._codecs)
            && TelephoneEvent == other.TelephoneEvent
            && RemoteConnection == other.RemoteConnection
            && RemotePort == other.RemotePort
            && RemoteRtcpPort == other.RemoteRtcpPort
            && RtcpMux == other.RtcpMux
            && Direction == other.Direction
            && IsRemoteHold == other.IsRemoteHold
            && RemotePtime == other.RemotePtime
            && RemoteMaxPtime == other.RemoteMaxPtime;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(MediaIndex, Codec, RemoteConnection, RemotePort, Direction);
}
