namespace Cinema.Sip.Messages.Syntax;

/// <summary>
/// challenge / credentials = auth-scheme LWS auth-param *( COMMA auth-param ), and the bare ainfo list of
/// Authentication-Info (RFC 3261 §25.1). auth-param = token EQUAL ( token / quoted-string ).
/// </summary>
internal static class AuthSyntax
{
    public static bool Read(ReadOnlySpan<byte> value, bool withScheme, out AuthHeaderValue? result, bool build, out string? error)
    {
        result = null;
        var s = new SipScanner(value);
        s.SkipLws();
        var scheme = "";
        if (withScheme)
        {
            var t = s.Token();
            if (t.Start.Value == t.End.Value)
            {
                error = "missing authentication scheme";
                return false;
            }
            if (build) scheme = Text.Ascii(value[t]);
            if (!s.SkipLws() && !s.AtEnd)
            {
                error = "authentication scheme must be followed by white space";
                return false;
            }
        }
        var parameters = build ? ScratchList<SipParameter>.Rent() : null;
        var first = true;
        while (!s.AtEnd)
        {
            if (!first && !s.TrySeparator((byte)','))
            {
                error = "authentication parameters must be separated by commas";
                return false;
            }
            first = false;
            var name = s.Token();
            if (name.Start.Value == name.End.Value || !s.TrySeparator((byte)'='))
            {
                error = "malformed authentication parameter";
                return false;
            }
            string? v = null;
            var quoted = false;
            if (s.Is((byte)'"'))
            {
                if (!s.QuotedString(out var inner))
                {
                    error = "unterminated quoted authentication parameter";
                    return false;
                }
                quoted = true;
                if (build) v = Text.Unquote(value[inner]);
            }
            else
            {
                var tok = s.Token();
                if (tok.Start.Value == tok.End.Value)
                {
                    error = "authentication parameter without a value";
                    return false;
                }
                if (build) v = Text.Ascii(value[tok]);
            }
            parameters?.Add(new SipParameter(Text.Name(value[name]), v, quoted));
            s.SkipLws();
        }
        if (!withScheme && first)
        {
            error = "empty value";
            return false;
        }
        error = null;
        if (build) result = new AuthHeaderValue(scheme, ParameterList.FromScratch(parameters!));
        return true;
    }
}
