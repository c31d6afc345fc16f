using System.Collections.Immutable;
using System.Text;

namespace Cinema.Sip.Sdp;

// Codec matching and payload type numbering for audio offer/answer.
internal static partial class AudioMedia
{
    private const int FirstDynamicPayloadType = 96;
    private const int LastPayloadType = 127;

    // For each format of a peer's m= line, in the peer's order, the local codec it maps to.
    // Dynamic payload types are matched by rtpmap name/clock/channels, static ones by the
    // RFC 3551 table when no rtpmap is given (RFC 3264 §6.1).
    public static ImmutableArray<NegotiatedCodec> Match(MediaDescription remote, ImmutableArray<AudioCodec> local)
    {
        var rtpMaps = remote.GetRtpMaps();
        var taken = new bool[local.Length];
        var seen = new bool[LastPayloadType + 1];
        var result = ImmutableArray.CreateBuilder<NegotiatedCodec>();
        foreach (var format in remote.Formats)
        {
            if (!SdpNumber.TryParsePayloadType(format, out var payloadType) || seen[payloadType])
            {
                continue;
            }

            seen[payloadType] = true;
            if (Resolve(rtpMaps, payloadType) is not { } rtpMap)
            {
                continue;
            }

            for (var i = 0; i < local.Length; i++)
            {
                if (!taken[i] && local[i].Matches(rtpMap))
                {
                    taken[i] = true;
                    result.Add(new NegotiatedCodec(payloadType, local[i]) { RemoteFmtp = remote.GetFmtp(payloadType)?.Parameters });
                    break;
                }
            }
        }

        return result.DrainToImmutable();
    }

    // Payload types for our offer: keep numbers already agreed in this session (RFC 3264 §8.3.2
    // forbids remapping), then static or preferred numbers, then the first free dynamic one.
    public static ImmutableArray<NegotiatedCodec> AssignPayloadTypes(ImmutableArray<AudioCodec> codecs, NegotiatedAudio? previous)
    {
        var used = new bool[LastPayloadType + 1];
        var assigned = new int?[codecs.Length];
        for (var i = 0; i < codecs.Length; i++)
        {
            if (FindPrevious(previous, codecs[i]) is { } payloadType && !used[payloadType])
            {
                assigned[i] = payloadType;
                used[payloadType] = true;
            }
        }

        for (var i = 0; i < codecs.Length; i++)
        {
            if (assigned[i] is null
                && (codecs[i].PayloadType ?? StaticPayloadTypes.Find(codecs[i])) is { } preferred
                && preferred is >= 0 and <= LastPayloadType
                && !used[preferred])
            {
                assigned[i] = preferred;
                used[preferred] = true;
            }
        }

        var result = ImmutableArray.CreateBuilder<NegotiatedCodec>(codecs.Length);
        var next = FirstDynamicPayloadType;
        for (var i = 0; i < codecs.Length; i++)
        {
            if (assigned[i] is null)
            {
                while (next <= LastPayloadType && used[next])
                {
                    next++;
                }

                if (next > LastPayloadType)
                {
                    continue; // more codecs than dynamic numbers: offer the ones that fit
                }

                assigned[i] = next;
                used[next] = true;
            }

            result.Add(new NegotiatedCodec(assigned[i]!.Value, codecs[i]));
        }

        return result.DrainToImmutable();
    }

    public static string Describe(MediaDescription media)
    {
        var rtpMaps = media.GetRtpMaps();
        var text = new StringBuilder();
        foreach (var format in media.Formats)
        {
            if (text.Length > 0)
            {
                text.Append(", ");
            }

            if (text.Length > 200)
            {
                text.Append('…');
                break;
            }

            text.Append(SdpNumber.TryParsePayloadType(format, out var payloadType) && Resolve(rtpMaps, payloadType) is { } rtpMap
                ? $"{rtpMap.EncodingName}/{SdpNumber.Format(rtpMap.ClockRate)}"
                : $"{format} (no rtpmap)");
        }

        return text.Length == 0 ? "no formats" : text.ToString();
    }

    public static string Describe(ImmutableArray<AudioCodec> codecs) => string.Join(", ", codecs);

    private static SdpRtpMap? Resolve(ImmutableArray<SdpRtpMap> rtpMaps, int payloadType)
    {
        foreach (var rtpMap in rtpMaps)
        {
            if (rtpMap.PayloadType == payloadType)
            {
                return rtpMap;
            }
        }

        return StaticPayloadTypes.Get(payloadType);
    }

    private static int? FindPrevious(NegotiatedAudio? previous, AudioCodec codec)
    {
        if (previous is null)
        {
            return null;
        }

        if (previous.TelephoneEvent is { } telephoneEvent && telephoneEvent.Codec == codec)
        {
            return telephoneEvent.PayloadType;
        }

        foreach (var negotiated in previous.Codecs)
        {
            if (negotiated.Codec == codec)
            {
                return negotiated.PayloadType;
            }
        }

        return null;
    }
}
