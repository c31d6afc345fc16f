using System.Collections.Immutable;

namespace Cinema.Sip.Sdp;

// RFC 3551 §6 Table 4: audio payload types that may appear in m= without an rtpmap.
internal static class StaticPayloadTypes
{
    private static readonly ImmutableArray<SdpRtpMap?> Table = Build();

    public static SdpRtpMap? Get(int payloadType)
        => payloadType >= 0 && payloadType < Table.Length ? Table[payloadType] : null;

    public static int? Find(AudioCodec codec)
    {
        for (var payloadType = 0; payloadType < Table.Length; payloadType++)
        {
            if (Table[payloadType] is { } rtpMap && codec.Matches(rtpMap))
            {
                return payloadType;
            }
        }

        return null;
    }

    private static ImmutableArray<SdpRtpMap?> Build()
    {
        var table = new SdpRtpMap?[19];
        Add(table, 0, "PCMU", 8000);
        Add(table, 3, "GSM", 8000);
        Add(table, 4, "G723", 8000);
        Add(table, 5, "DVI4", 8000);
        Add(table, 6, "DVI4", 16000);
        Add(table, 7, "LPC", 8000);
        Add(table, 8, "PCMA", 8000);
        Add(table, 9, "G722", 8000);
        Add(table, 10, "L16", 44100, 2);
        Add(table, 11, "L16", 44100);
        Add(table, 12, "QCELP", 8000);
        Add(table, 13, "CN", 8000);
        Add(table, 14, "MPA", 90000);
        Add(table, 15, "G728", 8000);
        Add(table, 16, "DVI4", 11025);
        Add(table, 17, "DVI4", 22050);
        Add(table, 18, "G729", 8000);
        return [.. table];
    }

    private static void Add(SdpRtpMap?[] table, int payloadType, string name, int clockRate, int? channels = null)
        => table[payloadType] = new SdpRtpMap(payloadType, name, clockRate, channels);
}
