using System.Diagnostics.CodeAnalysis;

namespace Cinema.Sip.Auth;

/// <summary>
/// A Digest challenge, the value of WWW-Authenticate or Proxy-Authenticate
/// (RFC 3261 §22.1 and §25.1, RFC 7616 §3.3, RFC 8760 §2.3).
/// </summary>
public sealed class DigestChallenge
{
    /// <summary>Protection space; shown to the user and part of A1 (RFC 7616 §3.3).</summary>
    public required string Realm { get; init => field = DigestSyntax.CheckRequiredQuotable(value, nameof(Realm)); }

    /// <summary>Server nonce, opaque to the client.</summary>
    public required string Nonce { get; init => field = DigestSyntax.CheckRequiredQuotable(value, nameof(Nonce)); }

    /// <summary>Returned unchanged by the client when present.</summary>
    public string? Opaque { get; init => field = DigestSyntax.CheckQuotable(value, nameof(Opaque)); }

    /// <summary>
    /// The previous request had a valid digest for a nonce that is no longer fresh: retry without
    /// asking the user again (RFC 7616 §3.3).
    /// </summary>
    public bool Stale { get; init; }

    /// <summary>Hash algorithm; MD5 when the parameter is absent (RFC 7616 §3.3).</summary>
    public DigestAlgorithm Algorithm { get; init => field = value ?? throw new ArgumentNullException(nameof(Algorithm)); } = DigestAlgorithm.Md5;

    /// <summary>
    /// Offered qop values in the server's order. Empty means the challenge has no qop, the
    /// RFC 2069 compatible form still allowed by RFC 3261 §22.4. Unknown options are dropped (RFC 7616 §3.3).
    /// </summary>
    public IReadOnlyList<DigestQop> QopOptions { get; init => field = value ?? throw new ArgumentNullException(nameof(QopOptions)); } = [];

    /// <summary>URIs of the protection space (RFC 7616 §3.3 "domain"), space separated on the wire.</summary>
    public IReadOnlyList<string> Domain { get; init => field = value ?? throw new ArgumentNullException(nameof(Domain)); } = [];

    /// <summary>The server supports a hashed username (RFC 7616 §3.4.4).</summary>
    public bool UserHash { get; init; }

    /// <summary>"UTF-8" when the server announced it (RFC 7616 §3.3, the only allowed value), otherwise null.</summary>
    public string? Charset
    {
        get;
        init => field = value is null ? null
            : string.Equals(value, "UTF-8", StringComparison.OrdinalIgnoreCase) ? "UTF-8"
            : throw new ArgumentException("The only allowed charset is UTF-8 (RFC 7616 §3.3).", nameof(Charset));
    }

    /// <summary>
    /// Builds a challenge from a header already split into scheme and parameters (quoted values unquoted).
    /// Never throws on bad input; <paramref name="error"/> says what was wrong.
    /// </summary>
    public static bool TryCreate(
        string? scheme,
        IEnumerable<KeyValuePair<string, string?>>? parameters,
        [NotNullWhen(true)] out DigestChallenge? challenge,
        [NotNullWhen(false)] out string? error)
    {
        challenge = null;
        if (!string.Equals(scheme, DigestSyntax.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            error = $"scheme '{scheme}' is not Digest";
            return false;
        }

        if (!DigestParameterSet.TryCreate(parameters, out var set, out error)
            || !set.TryGetRequired("realm", allowEmpty: true, out var realm, out error)
            || !set.TryGetRequired("nonce", allowEmpty: false, out var nonce, out error)
            || !set.TryGetAlgorithm(out var algorithm, out error)
            || !TryGetQopOptions(set, out var qopOptions, out error))
        {
            return false;
        }

        // RFC 7616 §3.4.2: a session algorithm needs a cnonce, and cnonce only exists with qop.
        if (algorithm.IsSession && qopOptions.Count == 0)
        {
            error = $"algorithm {algorithm.Name} requires qop";
            return false;
        }

        var charset = set.Get("charset");
        if (charset is not null && !string.Equals(charset, "UTF-8", StringComparison.OrdinalIgnoreCase))
        {
            error = $"unsupported charset '{charset}'";
            return false;
        }

        challenge = new DigestChallenge
        {
            Realm = realm,
            Nonce = nonce,
            Opaque = set.Get("opaque"),
            Stale = DigestSyntax.ParseFlag(set.Get("stale")),
            Algorithm = algorithm,
            QopOptions = qopOptions,
            Domain = set.Get("domain")?.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries) ?? [],
            UserHash = DigestSyntax.ParseFlag(set.Get("userhash")),
            Charset = charset,
        };
        return true;
    }

    /// <summary>Parses a whole header value such as <c>Digest realm="x", nonce="y"</c>. Never throws on bad input.</summary>
    public static bool TryParse(string? headerValue, [NotNullWhen(true)] out DigestChallenge? challenge, [NotNullWhen(false)] out string? error)
    {
        challenge = null;
        return AuthParamReader.TryReadHeader(headerValue, DigestSyntax.Scheme, out var scheme, out var parameters, out error)
            && TryCreate(scheme, parameters, out challenge, out error);
    }

    /// <summary>
    /// Formats the header value. realm, domain, nonce, opaque and qop are quoted; stale, algorithm, charset
    /// and userhash are tokens (RFC 7616 §3.3, RFC 3261 §25.1).
    /// </summary>
    public string ToHeaderValue() =>
        new AuthParamWriter(DigestSyntax.Scheme)
            .Quoted("realm", Realm)
            .Quoted("domain", Domain.Count == 0 ? null : string.Join(' ', Domain))
            .Quoted("nonce", Nonce)
            .Quoted("opaque", Opaque)
            .Token("stale", Stale ? DigestSyntax.FormatFlag(true) : null)
            .Token("algorithm", Algorithm.Name)
            .Quoted("qop", QopOptions.Count == 0 ? null : string.Join(',', QopOptions.Select(q => q.ToToken())))
            .Token("charset", Charset)
            .Token("userhash", UserHash ? DigestSyntax.FormatFlag(true) : null)
            .ToString();

    /// <inheritdoc />
    public override string ToString() => ToHeaderValue();

    private static bool TryGetQopOptions(DigestParameterSet set, out IReadOnlyList<DigestQop> options, [NotNullWhen(false)] out string? error)
    {
        options = [];
        error = null;
        if (!set.Contains("qop"))
        {
            return true;
        }

        var text = set.Get("qop") ?? string.Empty;
        var known = new List<DigestQop>();
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (DigestSyntax.TryParseQop(item, out var qop) && !known.Contains(qop))
            {
                known.Add(qop);
            }
        }

        // A qop list with nothing we know cannot be answered: the RFC 2069 form is only for challenges without qop.
        if (known.Count == 0)
        {
            error = $"no supported qop option in '{text}'";
            return false;
        }

        options = known;
        return true;
    }
}
