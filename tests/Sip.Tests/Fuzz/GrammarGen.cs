using CsCheck;

namespace Cinema.Sip.Tests.Fuzz;

/// <summary>
/// CsCheck generators for the text of URIs, name-addrs and Vias, built from the RFC 3261 §25.1 grammar pieces
/// (every generated text is valid), and for the values a program puts into them (any text).
/// </summary>
internal static class GrammarGen
{
    private const string Alpha = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Digit = "0123456789";
    private const string TokenChars = Alpha + Digit + "-.!%*_+`'~";
    private const string UserChars = Alpha + Digit + "-_.!~*'()&=+$,;?/";
    private const string PasswordChars = Alpha + Digit + "-_.!~*'()&=+$,";
    private const string ParamChars = Alpha + Digit + "-_.!~*'()[]/:&+$";
    private const string HeaderChars = Alpha + Digit + "-_.!~*'()[]/?:+$";

    public static readonly Gen<string> Token = Gen.String[Gen.Char[TokenChars], 1, 12];

    /// <summary>
    /// %HH escapes of whole UTF-8 characters, in either letter case. Unescaped parts are held as text, so an escaped
    /// octet that is not UTF-8 reads as U+FFFD and cannot be written back as it came (see Text.Unescape).
    /// </summary>
    private static readonly Gen<string> Escape =
        Gen.Select(Gen.Frequency((3, Gen.Char['\0', '\x7f']), (1, Gen.Char['\u00a0', '\u07ff']), (1, Gen.Char['\u4e00', '\u4eff'])), Gen.Bool,
            (c, upper) => string.Concat(System.Text.Encoding.UTF8.GetBytes(c.ToString()).Select(b => "%" + b.ToString(upper ? "X2" : "x2", System.Globalization.CultureInfo.InvariantCulture))));

    /// <summary>Characters of a class mixed with %HH escapes.</summary>
    private static Gen<string> Escaped(string chars, int min, int max) =>
        Gen.Frequency((6, Gen.Char[chars].Select(c => c.ToString())), (1, Escape)).Array[min, max].Select(string.Concat);

    private static readonly Gen<string> Label =
        Gen.Select(Gen.Char[Alpha + Digit], Gen.String[Gen.Char[Alpha + Digit + "-"], 0, 8], Gen.Char[Alpha + Digit],
            (a, mid, z) => mid.Length == 0 ? a.ToString() : a + mid + z);

    private static readonly Gen<string> HostName =
        Gen.Select(Label.Array[1, 4], Gen.String[Gen.Char[Alpha], 2, 5], Gen.Bool,
            (labels, top, dot) => string.Join('.', labels) + "." + top + (dot ? "." : ""));

    private static readonly Gen<string> IPv4 =
        Gen.Int[0, 255].Array[4].Select(parts => string.Join('.', parts));

    /// <summary>An IPv6 address in full, compressed or IPv4-tailed form (RFC 4291 §2.2).</summary>
    private static readonly Gen<string> IPv6 =
        Gen.OneOf(
            Gen.Int[0, 0xFFFF].Array[8].Select(g => string.Join(':', g.Select(x => x.ToString("x", System.Globalization.CultureInfo.InvariantCulture)))),
            Gen.Select(Gen.Int[0, 0xFFFF].Array[0, 3], Gen.Int[0, 0xFFFF].Array[0, 3], (h, t) =>
                string.Join(':', h.Select(x => x.ToString("X", System.Globalization.CultureInfo.InvariantCulture))) + "::"
                + string.Join(':', t.Select(x => x.ToString("x4", System.Globalization.CultureInfo.InvariantCulture)))),
            IPv4.Select(v4 => "::ffff:" + v4));

    public static readonly Gen<string> Host = Gen.OneOf(HostName, IPv4, IPv6.Select(a => "[" + a + "]"));

    private static readonly Gen<string> Port = Gen.Int[0, 65535].Select(p => ":" + p.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static readonly Gen<string> UriParameter =
        Gen.OneOf(
            Gen.OneOf<string>(";lr", ";transport=tcp", ";transport=UDP", ";user=phone", ";ob", ";maddr=239.255.255.1", ";ttl=15", ";method=INVITE"),
            Gen.Select(Escaped(ParamChars, 1, 8), Gen.Null(Escaped(ParamChars, 1, 8)), (n, v) => ";" + n + (v is null ? "" : "=" + v)));

    private static readonly Gen<string> UriHeaders =
        Gen.Select(Escaped(HeaderChars, 1, 6), Escaped(HeaderChars, 0, 8), (n, v) => n + "=" + v)
            .Array[1, 3].Select(hs => "?" + string.Join('&', hs));

    /// <summary>SIP-URI / SIPS-URI text (RFC 3261 §19.1.1); with headers only when <paramref name="headers"/>.</summary>
    public static Gen<string> SipUriText(bool headers) =>
        from scheme in Gen.OneOf<string>("sip:", "sips:", "SIP:")
        from user in Gen.Null(Escaped(UserChars, 1, 10))
        from password in Gen.Null(Escaped(PasswordChars, 0, 6))
        from host in Host
        from port in Gen.Null(Port)
        from parameters in UriParameter.Array[0, 4]
        from hs in headers ? Gen.Null(UriHeaders) : Gen.Const((string?)null)
        select scheme + (user is null ? "" : user + (password is null ? "" : ":" + password) + "@") + host + port + string.Concat(parameters) + hs;

    private static readonly Gen<string> TelUriText =
        Gen.Select(Gen.String[Gen.Char[Digit + "-.()"], 1, 12], Gen.Bool, Gen.OneOf<string>("", ";phone-context=example.com", ";ext=22"),
            (n, global, p) => "tel:" + (global ? "+" : "") + "1" + n + p);

    public static Gen<string> UriText(bool headers) => Gen.Frequency((8, SipUriText(headers)), (1, TelUriText));

    /// <summary>A quoted-string with any printable or non-ASCII text, escapes included.</summary>
    private static readonly Gen<string> Quoted =
        Gen.Frequency((8, Gen.Char[' ', '~'].Select(c => c is '"' or '\\' ? "\\" + c : c.ToString())),
                (1, Gen.OneOf<string>("\u00e9", "\u4e2d", "\\\"", "\\\\", "\t")))
            .Array[0, 12].Select(parts => "\"" + string.Concat(parts) + "\"");

    private static readonly Gen<string> HeaderParameter =
        Gen.OneOf(
            Gen.OneOf<string>(";tag=9fxced76sl", ";expires=3600", ";q=0.5", ";reg-id=1", ";+sip.instance=\"<urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6>\"", ";lr"),
            Gen.Select(Token, Gen.Frequency((2, Gen.Const((string?)null)), (3, Token.Select(t => (string?)("=" + t))), (2, Quoted.Select(q => (string?)("=" + q)))),
                (n, v) => ";" + n + v));

    /// <summary>( name-addr / addr-spec ) *( SEMI generic-param ), with the spacing variants the grammar allows.</summary>
    public static readonly Gen<string> NameAddressText =
        from display in Gen.OneOf(Gen.Const(""), Token.Array[1, 3].Select(ws => string.Join(' ', ws) + " "), Quoted.Select(q => q + " "), Quoted)
        from uri in UriText(headers: true)
        from bracketed in Gen.Bool
        from parameters in HeaderParameter.Array[0, 3]
        from spacing in Gen.OneOf<string>("", " ", "\t")
        select (bracketed || display.Length > 0 || uri.AsSpan().IndexOfAny("?;,") >= 0
                ? display + "<" + uri + ">"
                : uri)
            + string.Concat(parameters.Select(p => spacing + p));

    /// <summary>One via-parm (RFC 3261 §20.42; RFC 3581 rport; RFC 5118 §4.5 unbracketed IPv6 received).</summary>
    public static readonly Gen<string> ViaText =
        from protocol in Gen.OneOf<string>("SIP/2.0/", "sip / 2.0 / ", "SIP/2.0 /")
        from transport in Gen.OneOf(Gen.OneOf<string>("UDP", "TCP", "TLS", "SCTP", "WS", "wss"), Token)
        from host in Host
        from port in Gen.Null(Port)
        from branch in Gen.Null(Token.Select(t => ";branch=z9hG4bK" + t))
        from others in Gen.OneOf<string>(";rport", ";rport=5060", ";received=192.0.2.1", ";received=2001:db8::1", ";maddr=239.255.255.1", ";ttl=1", ";x-extra")
            .Array[0, 3]
        select protocol + transport + " " + host + port + branch + string.Concat(others);

    /// <summary>Any text a program might put in a display name, user part or parameter value.</summary>
    public static readonly Gen<string> AnyText =
        Gen.Frequency((6, Gen.Char[' ', '~']), (1, Gen.Char['\u00a0', '\u07ff']), (1, Gen.Char['\u4e00', '\u4eff']))
            .Array[0, 12].Select(cs => new string(cs));
}
