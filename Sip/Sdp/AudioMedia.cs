using System.Collections.Immutable;

namespace Cinema.Sip.Sdp;

// Stateless pieces of audio offer/answer: building m= lines and the negotiated result.
internal static partial class AudioMedia
{
    public static MediaDescription Build(
        int port,
        string protocol,
        ImmutableArray<NegotiatedCodec> codecs,
        MediaDirection direction,
        int? ptime,
        int? maxPtime,
        bool rtcpMux)
    {
        var formats = ImmutableArray.CreateBuilder<string>(codecs.Length);
        var attributes = ImmutableArray.CreateBuilder<SdpAttribute>((codecs.Length * 2) + 4);
        foreach (var codec in codecs)
        {
            formats.Add(SdpNumber.Format(codec.PayloadType));
            attributes.Add(codec.Codec.ToRtpMap(codec.PayloadType).ToAttribute());
            if (codec.Codec.Fmtp is { } fmtp)
            {
                attributes.Add(new SdpFmtp(codec.PayloadType, fmtp).ToAttribute());
            }
        }

        if (ptime is { } packetTime)
        {
            attributes.Add(SdpAttribute.Ptime(packetTime));
        }

        if (maxPtime is { } maxPacketTime)
        {
            attributes.Add(SdpAttribute.MaxPtime(maxPacketTime));
        }

        if (rtcpMux)
        {
            attributes.Add(SdpAttribute.RtcpMux());
        }

        // RFC 3264 §5.1 lets sendrecv be implied, but writing it always avoids relying on a
        // session-level default that the peer may mishandle.
        attributes.Add(SdpAttribute.Direction(direction));
        return new MediaDescription("audio", port, protocol)
        {
            Formats = formats.MoveToImmutable(),
            Attributes = attributes.DrainToImmutable(),
        };
    }

    // RFC 3264 §6: a rejected stream keeps its media type, protocol and formats with port 0.
    public static MediaDescription Reject(MediaDescription offered)
        => new(offered.Media, 0, offered.Protocol) { Formats = offered.Formats };

    // Shared by answering and applying an answer: everything known once the codecs are matched.
    public static NegotiatedAudio Negotiate(
        int mediaIndex,
        SessionDescription remote,
        MediaDescription remoteMedia,
        SdpConnection connection,
        ImmutableArray<NegotiatedCodec> matched,
        MediaDirection localDirection,
        bool rtcpMux)
    {
        var voice = matched.RemoveAll(codec => codec.Codec.IsTelephoneEvent);
        var remoteDirection = EffectiveDirection(remote, remoteMedia, connection);
        var rtcpPort = rtcpMux ? remoteMedia.Port : remoteMedia.Rtcp?.Port ?? Math.Min(remoteMedia.Port + 1, 65535);
        return new NegotiatedAudio
        {
            MediaIndex = mediaIndex,
            Codec = voice[0],
            Codecs = voice,
            TelephoneEvent = ChooseTelephoneEvent(matched, voice[0].Codec.ClockRate),
            RemoteConnection = connection,
            RemotePort = remoteMedia.Port,
            RemoteRtcpPort = rtcpPort,
            RtcpMux = rtcpMux,
            Direction = remoteDirection.Reverse().Intersect(localDirection),
            IsRemoteHold = !remoteDirection.Receives(),
            RemotePtime = remoteMedia.Ptime,
            RemoteMaxPtime = remoteMedia.MaxPtime,
        };
    }

    // RFC 3264 §8.4: c=0.0.0.0 is the old way to put a stream on hold; such a peer cannot receive.
    public static MediaDirection EffectiveDirection(SessionDescription remote, MediaDescription media, SdpConnection? connection)
    {
        var direction = remote.GetDirection(media);
        return connection is { IsUnspecified: true } ? direction.WithoutReceive() : direction;
    }

    // RFC 4733 §2.1: events are timestamped with the clock of the voice codec they accompany.
    private static NegotiatedCodec? ChooseTelephoneEvent(ImmutableArray<NegotiatedCodec> matched, int clockRate)
    {
        NegotiatedCodec? fallback = null;
        foreach (var codec in matched)
        {
            if (!codec.Codec.IsTelephoneEvent)
            {
                continue;
            }

            if (codec.Codec.ClockRate == clockRate)
            {
                return codec;
            }

            fallback ??= codec;
        }

        return fallback;
    }
}
