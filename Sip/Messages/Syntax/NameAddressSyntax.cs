namespace Cinema.Sip.Messages.Syntax;

/// <summary>( name-addr / addr-spec ) *( SEMI generic-param ), as in From, To, Contact, Route (RFC 3261 §25.1).</summary>
internal static class NameAddressSyntax
{
    public static bool Read(ref SipScanner s, bool build, out NameAddress? value, out string? error)
    {
        value = null;
        string? display = null;
        ReadOnlySpan<byte> uriText;
        bool bracketed;
        var start = s.Pos;
        if (s.Is((byte)'"'))
        {
            if (!s.QuotedString(out var inner))
            {
                error = "unterminated quoted display name";
                return false;
            }
            if (build) display = Text.Unquote(s.Source[inner]);
            s.SkipLws();
            if (!s.Is((byte)'<'))
            {
                error = "display name not followed by <URI>";
                return false;
            }
        }
        else
        {
            // display-name = *(token LWS): look ahead over tokens and white space for a '<'.
            while (!s.AtEnd && (CharClass.IsToken(s.Current) || s.IsLwsAt(s.Pos))) s.Pos++;
            if (s.Is((byte)'<'))
            {
                if (build)
                {
                    var d = s.Source[start..s.Pos].TrimEnd(" \t\r\n"u8);
                    display = d.IsEmpty ? null : Text.Unfold(d);
                }
            }
            else s.Pos = start;
        }

        if (s.Is((byte)'<'))
        {
            bracketed = true;
            s.Pos++;
            var close = s.Rest.IndexOf((byte)'>');
            if (close < 0)
            {
                error = "URI without closing >";
                return false;
            }
            uriText = s.Rest[..close];
            s.Pos += close + 1;
        }
        else
        {
            // addr-spec: parameters after it belong to the header (RFC 3261 §20.10), so ';' and ',' end the URI.
            bracketed = false;
            var from = s.Pos;
            while (!s.AtEnd && s.Current is not ((byte)';' or (byte)',' or (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) s.Pos++;
            uriText = s.Source[from..s.Pos];
        }

        if (uriText.IsEmpty)
        {
            error = "empty URI";
            return false;
        }
        if (!UriSyntax.TryParse(uriText, build, out var uri, out var hasHeaders, out error))
        {
            if (bracketed && (CharClass.IsWsp(uriText[0]) || CharClass.IsWsp(uriText[^1]))) error = "white space inside <>";
            else if (!bracketed && s.Source[start..].IndexOf((byte)'<') >= 0) error = "display name must be tokens or a quoted string"; // RFC 4475 §3.1.2.15
            return false;
        }
        if (!bracketed && hasHeaders)
        {
            // RFC 3261 §20: a URI with headers must be enclosed in <> (RFC 4475 §3.1.2.13).
            error = "URI with ?headers must be enclosed in <>";
            return false;
        }
        var parameters = build ? ScratchList<SipParameter>.Rent() : null;
        if (!ParameterSyntax.HeaderParams(ref s, parameters, out error)) return false;
        if (build) value = new NameAddress(uri!, display, ParameterList.FromScratch(parameters!));
        return true;
    }

    /// <summary>Reads a comma-separated list of addresses, calling <paramref name="sink"/> for each (when building).</summary>
    public static bool ReadList(ReadOnlySpan<byte> value, List<NameAddress>? sink, out string? error)
    {
        var s = new SipScanner(value);
        s.SkipLws();
        if (s.AtEnd)
        {
            error = "empty value";
            return false;
        }
        while (true)
        {
            if (!Read(ref s, sink is not null, out var one, out error)) return false;
            if (one is not null) sink!.Add(one);
            s.SkipLws();
            if (s.AtEnd) return true;
            if (!s.TrySeparator((byte)','))
            {
                error = "unexpected character after address";
                return false;
            }
        }
    }
}
