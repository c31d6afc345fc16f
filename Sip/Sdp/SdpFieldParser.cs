using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Cinema.Sip.Sdp;

// Parsers for the structured line types. Each returns a reason instead of throwing; the caller
// prefixes it with the line number.
internal static class SdpFieldParser
{
    // RFC 8866 §5.2: o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>
    public static bool TryParseOrigin(ReadOnlySpan<char> value, [NotNullWhen(true)] out SdpOrigin? origin, [NotNullWhen(false)] out string? problem)
    {
        origin = null;
        Span<Range> fields = stackalloc Range[7];
        var count = Split(value, fields);
        if (count != 6)
        {
            problem = $"'o=' needs 6 fields (<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>, RFC 8866 §5.2) but has {SdpTokenizer.Count(value)}";
            return false;
        }

        if (!SdpNumber.TryParseUInt64(value[fields[2]], out var version))
        {
            problem = $"'o=' sess-version \"{value[fields[2]]}\" is not a number (RFC 8866 §5.2)";
            return false;
        }

        origin = new SdpOrigin(
            value[fields[0]].ToString(),
            value[fields[1]].ToString(),
            version,
            value[fields[3]].ToString(),
            value[fields[4]].ToString(),
            value[fields[5]].ToString());
        problem = null;
        return true;
    }

    // RFC 8866 §5.7: c=<nettype> <addrtype> <connection-address>, where an IP4 multicast address
    // carries /<ttl>[/<number of addresses>] and an IP6 one /<number of addresses>.
    public static bool TryParseConnection(ReadOnlySpan<char> value, [NotNullWhen(true)] out SdpConnection? connection, [NotNullWhen(false)] out string? problem)
    {
        connection = null;
        Span<Range> fields = stackalloc Range[4];
        var count = Split(value, fields);
        if (count != 3)
        {
            problem = $"'c=' needs 3 fields (<nettype> <addrtype> <connection-address>, RFC 8866 §5.7) but has {SdpTokenizer.Count(value)}";
            return false;
        }

        var addressType = value[fields[1]];
        var address = value[fields[2]];
        int? ttl = null;
        int? addressCount = null;
        var isIp4 = addressType.Equals("IP4", StringComparison.OrdinalIgnoreCase);
        var isIp6 = addressType.Equals("IP6", StringComparison.OrdinalIgnoreCase);
        var slash = address.IndexOf('/');
        if ((isIp4 || isIp6) && slash >= 0)
        {
            var suffix = address[(slash + 1)..];
            address = address[..slash];
            var countText = suffix;
            var hasCount = true;
            if (isIp4)
            {
                var second = suffix.IndexOf('/');
                var ttlText = second < 0 ? suffix : suffix[..second];
                if (!SdpNumber.TryParseInt32(ttlText, out var ttlValue) || ttlValue > 255)
                {
                    problem = $"'c=' multicast TTL \"{ttlText}\" is not a number from 0 to 255 (RFC 8866 §5.7)";
                    return false;
                }

                ttl = ttlValue;
                hasCount = second >= 0;
                countText = hasCount ? suffix[(second + 1)..] : [];
            }

            if (hasCount)
            {
                if (!SdpNumber.TryParseInt32(countText, out var countValue) || countValue == 0)
                {
                    problem = $"'c=' number of addresses \"{countText}\" is not a positive number (RFC 8866 §5.7)";
                    return false;
                }

                addressCount = countValue;
            }
        }

        if (address.IsEmpty)
        {
            problem = "'c=' has an empty address (RFC 8866 §5.7)";
            return false;
        }

        connection = new SdpConnection(value[fields[0]].ToString(), addressType.ToString(), address.ToString())
        {
            Ttl = ttl,
            AddressCount = addressCount,
        };
        problem = null;
        return true;
    }

    // RFC 8866 §5.8: b=<bwtype>:<bandwidth>
    public static bool TryParseBandwidth(ReadOnlySpan<char> value, [NotNullWhen(true)] out SdpBandwidth? bandwidth, [NotNullWhen(false)] out string? problem)
    {
        bandwidth = null;
        var colon = value.IndexOf(':');
        if (colon <= 0)
        {
            problem = "'b=' must be <bwtype>:<bandwidth> (RFC 8866 §5.8)";
            return false;
        }

        var type = value[..colon];
        if (type.Contains(' '))
        {
            problem = $"'b=' bandwidth type \"{type}\" contains a space (RFC 8866 §5.8)";
            return false;
        }

        if (!SdpNumber.TryParseUInt64(value[(colon + 1)..], out var amount))
        {
            problem = $"'b=' bandwidth \"{value[(colon + 1)..]}\" is not a number (RFC 8866 §5.8)";
            return false;
        }

        bandwidth = new SdpBandwidth(type.ToString(), amount);
        problem = null;
        return true;
    }

    // RFC 8866 §5.9: t=<start-time> <stop-time>
    public static bool TryParseTiming(ReadOnlySpan<char> value, [NotNullWhen(true)] out SdpTiming? timing, [NotNullWhen(false)] out string? problem)
    {
        timing = null;
        Span<Range> fields = stackalloc Range[3];
        var count = Split(value, fields);
        if (count != 2)
        {
            problem = $"'t=' needs 2 fields (<start-time> <stop-time>, RFC 8866 §5.9) but has {SdpTokenizer.Count(value)}";
            return false;
        }

        if (!SdpNumber.TryParseUInt64(value[fields[0]], out var start) || !SdpNumber.TryParseUInt64(value[fields[1]], out var stop))
        {
            problem = $"'t=' times \"{value}\" are not numbers (RFC 8866 §5.9)";
            return false;
        }

        timing = new SdpTiming(start, stop);
        problem = null;
        return true;
    }

    // RFC 8866 §5.14: m=<media> <port>[/<number of ports>] <proto> <fmt> ...
    // A rejected stream sometimes arrives without formats; that is tolerated.
    public static bool TryParseMedia(ReadOnlySpan<char> value, [NotNullWhen(true)] out MediaDescription? media, [NotNullWhen(false)] out string? problem)
    {
        media = null;
        var tokenizer = new SdpTokenizer(value);
        if (!tokenizer.TryNext(out var type) || !tokenizer.TryNext(out var portField) || !tokenizer.TryNext(out var protocol))
        {
            problem = "'m=' needs at least <media> <port> <proto> (RFC 8866 §5.14)";
            return false;
        }

        var slash = portField.IndexOf('/');
        var portText = slash < 0 ? portField : portField[..slash];
        if (!SdpNumber.TryParsePort(portText, out var port))
        {
            problem = $"'m=' port \"{portText}\" is not a number from 0 to 65535 (RFC 8866 §5.14)";
            return false;
        }

        int? portCount = null;
        if (slash >= 0)
        {
            if (!SdpNumber.TryParseInt32(portField[(slash + 1)..], out var countValue) || countValue == 0)
            {
                problem = $"'m=' number of ports \"{portField[(slash + 1)..]}\" is not a positive number (RFC 8866 §5.14)";
                return false;
            }

            portCount = countValue;
        }

        var formats = ImmutableArray.CreateBuilder<string>();
        while (tokenizer.TryNext(out var format))
        {
            formats.Add(format.ToString());
        }

        media = new MediaDescription(type.ToString(), port, protocol.ToString())
        {
            PortCount = portCount,
            Formats = formats.DrainToImmutable(),
        };
        problem = null;
        return true;
    }

    // RFC 8866 §5.13: a=<attribute> or a=<attribute>:<value>
    public static bool TryParseAttribute(ReadOnlySpan<char> value, [NotNullWhen(true)] out SdpAttribute? attribute, [NotNullWhen(false)] out string? problem)
    {
        attribute = null;
        var colon = value.IndexOf(':');
        var name = colon < 0 ? value : value[..colon];
        if (name.IsEmpty)
        {
            problem = "'a=' has no attribute name (RFC 8866 §5.13)";
            return false;
        }

        attribute = new SdpAttribute(name.ToString(), colon < 0 ? null : value[(colon + 1)..].ToString());
        problem = null;
        return true;
    }

    // Splits on spaces into at most fields.Length ranges; returns fields.Length when there are more.
    private static int Split(ReadOnlySpan<char> value, Span<Range> fields)
    {
        var count = 0;
        var start = 0;
        while (count < fields.Length)
        {
            while (start < value.Length && value[start] == ' ')
            {
                start++;
            }

            if (start == value.Length)
            {
                break;
            }

            var length = value[start..].IndexOf(' ');
            var end = length < 0 ? value.Length : start + length;
            fields[count++] = start..end;
            start = end;
        }

        return count;
    }
}
