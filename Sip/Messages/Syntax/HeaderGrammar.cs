namespace Cinema.Sip.Messages.Syntax;

/// <summary>
/// Checks a header value against the grammar of its kind without allocating; the typed accessors of
/// <see cref="SipMessage"/> later materialize values with the same readers.
/// </summary>
internal static class HeaderGrammar
{
    /// <summary>Headers that may appear once only; a second occurrence or a comma list is an error (RFC 4475 §3.3.8).</summary>
    public static bool IsSingle(HeaderKind kind) => kind is HeaderKind.CallId or HeaderKind.CSeq or HeaderKind.From
        or HeaderKind.To or HeaderKind.MaxForwards or HeaderKind.ContentLength or HeaderKind.ContentType
        or HeaderKind.Expires or HeaderKind.MinExpires or HeaderKind.Date or HeaderKind.Event
        or HeaderKind.SubscriptionState or HeaderKind.RetryAfter or HeaderKind.SessionExpires or HeaderKind.ReferTo;

    public static bool Validate(HeaderKind kind, ReadOnlySpan<byte> value, out string? error)
    {
        switch (kind)
        {
            case HeaderKind.Via:
                return ViaSyntax.ReadList(value, null, out error);
            case HeaderKind.From:
            case HeaderKind.To:
            case HeaderKind.ReferTo:
            case HeaderKind.ReferredBy:
                return SingleAddress(value, build: false, out _, out error);
            case HeaderKind.Contact:
                return IsWildcard(value) ? Ok(out error) : NameAddressSyntax.ReadList(value, null, out error);
            case HeaderKind.Route:
            case HeaderKind.RecordRoute:
            case HeaderKind.Path:
                return NameAddressSyntax.ReadList(value, null, out error);
            case HeaderKind.CallId:
                return ScalarSyntax.CallId(value, out error);
            case HeaderKind.CSeq:
                return ScalarSyntax.CSeq(value, out _, out _, out error);
            case HeaderKind.MaxForwards:
                // RFC 3261 §20.22 gives 0-255 in practice (RFC 4475 §3.1.2.4 calls 300 too large).
                return ScalarSyntax.WholeNumber(value, 255, "Max-Forwards", out _, out error);
            case HeaderKind.ContentLength:
                return ScalarSyntax.WholeNumber(value, int.MaxValue, "Content-Length", out _, out error);
            case HeaderKind.Expires:
            case HeaderKind.MinExpires:
                return ScalarSyntax.WholeNumber(value, long.MaxValue, kind == HeaderKind.Expires ? "Expires" : "Min-Expires", out _, out error);
            case HeaderKind.ContentType:
                return MediaTypeSyntax.ReadSingle(value, build: false, out _, out error);
            case HeaderKind.Accept:
                return MediaTypeSyntax.ReadList(value, null, out error);
            case HeaderKind.Require:
            case HeaderKind.ProxyRequire:
            case HeaderKind.Unsupported:
            case HeaderKind.ContentEncoding:
                return TokenListSyntax.Read(value, allowEmpty: false, null, out error);
            case HeaderKind.Supported:
            case HeaderKind.Allow:
            case HeaderKind.AllowEvents:
                return TokenListSyntax.Read(value, allowEmpty: true, null, out error);
            case HeaderKind.Event:
            case HeaderKind.SubscriptionState:
            case HeaderKind.SessionExpires:
                return ParameterizedSyntax.ReadList(value, single: true, comment: false, null, out error);
            case HeaderKind.Reason:
                return ParameterizedSyntax.ReadList(value, single: false, comment: false, null, out error);
            case HeaderKind.RetryAfter:
                return ParameterizedSyntax.ReadRetryAfter(value, build: false, out _, out error);
            case HeaderKind.WwwAuthenticate:
            case HeaderKind.ProxyAuthenticate:
            case HeaderKind.Authorization:
            case HeaderKind.ProxyAuthorization:
                return AuthSyntax.Read(value, withScheme: true, out _, build: false, out error);
            case HeaderKind.AuthenticationInfo:
                return AuthSyntax.Read(value, withScheme: false, out _, build: false, out error);
            case HeaderKind.Date:
                return DateSyntax.TryParse(value, out _, out error);
            default:
                // Free text (Subject, User-Agent, Server, Timestamp, Warning) and unknown headers.
                return Ok(out error);
        }
    }

    private static bool Ok(out string? error)
    {
        error = null;
        return true;
    }

    public static bool IsWildcard(ReadOnlySpan<byte> value) => value.Trim(" \t"u8) is [(byte)'*'];

    public static bool SingleAddress(ReadOnlySpan<byte> value, bool build, out NameAddress? address, out string? error)
    {
        address = null;
        var s = new SipScanner(value);
        s.SkipLws();
        if (!NameAddressSyntax.Read(ref s, build, out address, out error)) return false;
        s.SkipLws();
        if (!s.AtEnd)
        {
            error = s.Is((byte)',') ? "more than one address in a single-value header" : "unexpected text after the address";
            return false;
        }
        return true;
    }
}
