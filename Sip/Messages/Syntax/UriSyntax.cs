namespace Cinema.Sip.Messages.Syntax;

/// <summary>
/// SIP-URI / SIPS-URI (RFC 3261 §19.1.1, §25.1), tel URI (RFC 3966, subscriber and parameters only) and, for
/// other schemes, absoluteURI kept opaque. The caller decides the extent of the URI text.
/// </summary>
internal static class UriSyntax
{
    public static bool TryParse(ReadOnlySpan<byte> s, bool build, out SipUri? uri, out string? error) =>
        TryParse(s, build, out uri, out _, out error);

    /// <summary>As above, and says whether a sip:/sips: URI carries ?headers (not allowed in a Request-URI or an addr-spec).</summary>
    public static bool TryParse(ReadOnlySpan<byte> s, bool build, out SipUri? uri, out bool hasHeaders, out string? error)
    {
        uri = null;
        hasHeaders = false;
        var colon = s.IndexOf((byte)':');
        if (colon <= 0 || !CharClass.IsAlpha(s[0]))
        {
            error = "URI has no scheme";
            return false;
        }
        for (var i = 1; i < colon; i++)
        {
            if (!CharClass.IsSchemeChar(s[i]))
            {
                error = "URI scheme has an invalid character";
                return false;
            }
        }
        var schemeText = s[..colon];
        var scheme = CharClass.EqualsLower(schemeText, "sip"u8) ? UriScheme.Sip
            : CharClass.EqualsLower(schemeText, "sips"u8) ? UriScheme.Sips
            : CharClass.EqualsLower(schemeText, "tel"u8) ? UriScheme.Tel
            : UriScheme.Other;
        var rest = s[(colon + 1)..];
        return scheme switch
        {
            UriScheme.Sip or UriScheme.Sips => SipOrSips(s, scheme, rest, build, out uri, out hasHeaders, out error),
            UriScheme.Tel => Tel(s, rest, build, out uri, out error),
            _ => Opaque(s, schemeText, rest, build, out uri, out error),
        };
    }

    private static bool SipOrSips(ReadOnlySpan<byte> whole, UriScheme scheme, ReadOnlySpan<byte> s, bool build,
        out SipUri? uri, out bool hasHeaders, out string? error)
    {
        uri = null;
        hasHeaders = false;
        var pos = 0;
        int userStart = -1, userEnd = -1, pwStart = -1, pwEnd = -1;
        // '@' can only be the userinfo delimiter: it is not allowed unescaped in params or headers.
        var at = s.IndexOf((byte)'@');
        if (at >= 0)
        {
            userStart = 0;
            while (pos < at)
            {
                // Skip the plain characters in one vectorised call; stop at ':', '%' or anything else.
                pos = CharClass.SkipRun(s[..at], pos, CharClass.UserValues);
                if (pos == at) break;
                var b = s[pos];
                if (b == ':') break;
                if (b == '%' && !Text.IsEscape(s, pos))
                {
                    error = "bad %-escape in URI user part";
                    return false;
                }
                if (b != '%' && !CharClass.IsUserChar(b))
                {
                    error = "invalid character in URI user part";
                    return false;
                }
                pos += b == '%' ? 3 : 1;
            }
            userEnd = pos;
            if (userEnd == userStart)
            {
                error = "empty user part before @";
                return false;
            }
            if (pos < at)
            {
                pwStart = ++pos;
                while (pos < at)
                {
                    var b = s[pos];
                    if (b == '%' ? !Text.IsEscape(s, pos) : !CharClass.IsPasswordChar(b))
                    {
                        error = "invalid character in URI password";
                        return false;
                    }
                    pos += b == '%' ? 3 : 1;
                }
                pwEnd = pos;
            }
            pos = at + 1;
        }
        var hostStart = pos;
        if (!HostSyntax.Read(s, ref pos, out error)) return false;
        var hostEnd = pos;
        if (pos < s.Length && s[pos] == ':' && s[(pos + 1)..].IndexOfAnyExceptInRange((byte)'0', (byte)'9') is var other && other >= 0 && s[pos + 1 + other] == ':')
        {
            error = "IPv6 address in a URI must be enclosed in [] (RFC 5118 section 4.2)";
            return false;
        }
        int? port = null;
        if (pos < s.Length && s[pos] == ':')
        {
            pos++;
            var ps = pos;
            var value = 0;
            while (pos < s.Length && CharClass.IsDigit(s[pos]) && value <= 65535) value = (value * 10) + (s[pos++] - '0');
            if (pos == ps || value > 65535 || (pos < s.Length && CharClass.IsDigit(s[pos])))
            {
                error = "invalid port in URI";
                return false;
            }
            port = value;
        }
        var parameters = build ? ScratchList<SipParameter>.Rent() : null;
        if (!ParameterSyntax.UriParams(s, ref pos, parameters, out error)) return false;
        var parameterList = parameters is null ? null : ParameterList.FromScratch(parameters);
        List<SipParameter>? headers = null;
        if (pos < s.Length && s[pos] == '?')
        {
            hasHeaders = true;
            headers = build ? ScratchList<SipParameter>.Rent() : null;
            if (!UriHeaders(s, ref pos, headers, out error)) return false;
        }
        if (pos != s.Length)
        {
            error = "unexpected character in URI";
            return false;
        }
        error = null;
        if (build)
        {
            uri = new SipUri(
                scheme,
                scheme == UriScheme.Sip ? "sip" : "sips",
                userStart < 0 ? null : Text.Unescape(s[userStart..userEnd]),
                pwStart < 0 ? null : Text.Unescape(s[pwStart..pwEnd]),
                Text.Ascii(s[hostStart..hostEnd]),
                port,
                parameterList!,
                headers is null ? ParameterList.Empty : ParameterList.FromScratch(headers),
                opaque: null,
                text: Text.Utf8String(whole));
        }
        return true;
    }

    private static bool UriHeaders(ReadOnlySpan<byte> s, ref int pos, List<SipParameter>? sink, out string? error)
    {
        error = null;
        do
        {
            pos++; // '?' or '&'
            var nameStart = pos;
            if (!HeaderChars(s, ref pos, out error)) return false;
            if (pos == nameStart)
            {
                error = "empty URI header name";
                return false;
            }
            var nameEnd = pos;
            if (pos >= s.Length || s[pos] != '=')
            {
                error = "URI header without =";
                return false;
            }
            var valueStart = ++pos;
            if (!HeaderChars(s, ref pos, out error)) return false;
            sink?.Add(new SipParameter(Text.Unescape(s[nameStart..nameEnd]), Text.Unescape(s[valueStart..pos])));
        }
        while (pos < s.Length && s[pos] == '&');
        return true;
    }

    private static bool HeaderChars(ReadOnlySpan<byte> s, ref int pos, out string? error)
    {
        error = null;
        while (pos < s.Length)
        {
            var b = s[pos];
            if (b == '%')
            {
                if (!Text.IsEscape(s, pos))
                {
                    error = "bad %-escape in URI header";
                    return false;
                }
                pos += 3;
            }
            else if (CharClass.IsHeaderChar(b)) pos++;
            else break;
        }
        return true;
    }

    // RFC 3966: telephone-subscriber = global-number / local-number, then ;par.
    private static bool Tel(ReadOnlySpan<byte> whole, ReadOnlySpan<byte> s, bool build, out SipUri? uri, out string? error)
    {
        uri = null;
        var pos = 0;
        while (pos < s.Length && CharClass.IsTelChar(s[pos])) pos++;
        if (pos == 0)
        {
            error = "tel URI without a number";
            return false;
        }
        var numberEnd = pos;
        var parameters = build ? ScratchList<SipParameter>.Rent() : null;
        if (!ParameterSyntax.UriParams(s, ref pos, parameters, out error)) return false;
        if (pos != s.Length)
        {
            error = "unexpected character in tel URI";
            return false;
        }
        if (build)
        {
            uri = new SipUri(UriScheme.Tel, "tel", Text.Ascii(s[..numberEnd]), null, "", null,
                ParameterList.FromScratch(parameters!), ParameterList.Empty, opaque: null, text: Text.Utf8String(whole));
        }
        return true;
    }

    private static bool Opaque(ReadOnlySpan<byte> whole, ReadOnlySpan<byte> scheme, ReadOnlySpan<byte> s, bool build,
        out SipUri? uri, out string? error)
    {
        uri = null;
        if (s.IsEmpty)
        {
            error = "URI has nothing after the scheme";
            return false;
        }
        for (var i = 0; i < s.Length; i++)
        {
            var b = s[i];
            if (b == '%' ? !Text.IsEscape(s, i) : !CharClass.IsUric(b))
            {
                error = "invalid character in URI";
                return false;
            }
        }
        error = null;
        if (build)
        {
            uri = new SipUri(UriScheme.Other, Text.Ascii(scheme).ToLowerInvariant(), null, null, "", null,
                ParameterList.Empty, ParameterList.Empty, opaque: Text.Utf8String(s), text: Text.Utf8String(whole));
        }
        return true;
    }
}
