using System.Globalization;

namespace Cinema.Sip.Sdp;

// SDP numeric fields are plain ASCII digit strings (RFC 8866 §9: 1*DIGIT); signs, spaces and
// other number styles are not allowed, so NumberStyles.None is the right parser.
internal static class SdpNumber
{
    public static bool TryParseUInt64(ReadOnlySpan<char> text, out ulong value)
        => ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    public static bool TryParseInt32(ReadOnlySpan<char> text, out int value)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    public static bool TryParsePort(ReadOnlySpan<char> text, out int port)
        => TryParseInt32(text, out port) && port <= 65535;

    public static bool TryParsePayloadType(ReadOnlySpan<char> text, out int payloadType)
        => TryParseInt32(text, out payloadType) && payloadType <= 127;

    public static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Format(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}
