using System.Text;

namespace Cinema.Sip.Messages.Syntax;

/// <summary>Byte-to-string conversions used when a value is materialized.</summary>
internal static class Text
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>Parameter names that nearly every message carries; reading one returns the shared string.</summary>
    private static readonly string[] CommonNames =
    [
        "branch", "tag", "lr", "transport", "received", "rport", "expires", "q", "maddr", "ttl", "user", "method", "ob",
        "reg-id", "+sip.instance", "realm", "nonce", "opaque", "qop", "algorithm", "username", "uri", "response", "nc",
        "cnonce", "stale", "nextnonce", "rspauth", "id", "refresher", "cause", "text", "duration", "charset",
    ];

    /// <summary>A parameter name as received: the shared string when it is a common one spelt the usual way.</summary>
    public static string Name(ReadOnlySpan<byte> s)
    {
        foreach (var name in CommonNames)
        {
            if (CharClass.EqualsText(s, name)) return name;
        }
        return Ascii(s);
    }

    /// <summary>ASCII-only grammar elements (tokens, hosts): every byte is one char.</summary>
    public static string Ascii(ReadOnlySpan<byte> s) => Encoding.Latin1.GetString(s);

    public static string Utf8String(ReadOnlySpan<byte> s) => Utf8.GetString(s);

    public static bool IsEscape(ReadOnlySpan<byte> s, int at) =>
        at + 2 < s.Length && s[at] == '%' && CharClass.IsHex(s[at + 1]) && CharClass.IsHex(s[at + 2]);

    /// <summary>Decodes %HH escapes (the result is read as UTF-8, so %C3%A9 becomes é; %00 stays a NUL).</summary>
    public static string Unescape(ReadOnlySpan<byte> s)
    {
        if (s.IndexOf((byte)'%') < 0) return Utf8String(s);
        Span<byte> buf = s.Length <= 256 ? stackalloc byte[s.Length] : new byte[s.Length];
        var n = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '%' && i + 2 < s.Length && CharClass.IsHex(s[i + 1]) && CharClass.IsHex(s[i + 2]))
            {
                buf[n++] = (byte)((CharClass.HexValue(s[i + 1]) << 4) | CharClass.HexValue(s[i + 2]));
                i += 2;
            }
            else buf[n++] = s[i];
        }
        return Utf8String(buf[..n]);
    }

    /// <summary>The content of a quoted-string (without the quotes): quoted-pairs resolved, folds become one SP.</summary>
    public static string Unquote(ReadOnlySpan<byte> inner)
    {
        if (inner.IndexOfAny((byte)'\\', (byte)'\r', (byte)'\n') < 0) return Utf8String(inner);
        Span<byte> buf = inner.Length <= 256 ? stackalloc byte[inner.Length] : new byte[inner.Length];
        var n = 0;
        for (var i = 0; i < inner.Length; i++)
        {
            var b = inner[i];
            if (b == '\\' && i + 1 < inner.Length) buf[n++] = inner[++i];
            else if (b is (byte)'\r' or (byte)'\n')
            {
                while (i + 1 < inner.Length && inner[i + 1] is (byte)'\r' or (byte)'\n' or (byte)' ' or (byte)'\t') i++;
                buf[n++] = (byte)' ';
            }
            else buf[n++] = b;
        }
        return Utf8String(buf[..n]);
    }

    /// <summary>Text of a header value with line folds replaced by a single space (RFC 3261 §7.3.1).</summary>
    public static string Unfold(ReadOnlySpan<byte> value)
    {
        if (value.IndexOfAny((byte)'\r', (byte)'\n') < 0) return Utf8String(value);
        var sb = new StringBuilder(value.Length);
        var i = 0;
        while (i < value.Length)
        {
            var j = value[i..].IndexOfAny((byte)'\r', (byte)'\n');
            if (j < 0)
            {
                sb.Append(Utf8String(value[i..]));
                break;
            }
            // Trailing white space before the fold is part of the fold.
            var seg = value.Slice(i, j).TrimEnd(" \t"u8);
            sb.Append(Utf8String(seg)).Append(' ');
            i += j;
            while (i < value.Length && value[i] is (byte)'\r' or (byte)'\n' or (byte)' ' or (byte)'\t') i++;
        }
        return sb.ToString();
    }

    /// <summary>Writes a value as a quoted-string, escaping DQUOTE and backslash.</summary>
    public static string Quote(string value)
    {
        if (value.AsSpan().IndexOfAny('"', '\\') < 0) return "\"" + value + "\"";
        return "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }
}
