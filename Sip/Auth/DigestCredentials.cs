using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Cinema.Sip.Auth;

/// <summary>
/// Digest credentials, the value of Authorization or Proxy-Authorization
/// (RFC 3261 §22.2-§22.3 and §25.1, RFC 7616 §3.4).
/// </summary>
public sealed class DigestCredentials
{
    /// <summary>The user name, or H(username:realm) in hex when <see cref="UserHash"/> is set (RFC 7616 §3.4.4).</summary>
    public required string Username { get; init => field = DigestSyntax.CheckRequiredQuotable(value, nameof(Username)); }

    /// <summary>Realm copied from the challenge.</summary>
    public required string Realm { get; init => field = DigestSyntax.CheckRequiredQuotable(value, nameof(Realm)); }

    /// <summary>Nonce copied from the challenge.</summary>
    public required string Nonce { get; init => field = DigestSyntax.CheckRequiredQuotable(value, nameof(Nonce)); }

    /// <summary>digest-uri: the Request-URI of the request (RFC 3261 §22.4 item 3).</summary>
    public required string Uri { get; init => field = DigestSyntax.CheckRequiredQuotable(value, nameof(Uri)); }

    /// <summary>The request-digest, lowercase hex of the algorithm's hash length (RFC 8760 §2.2).</summary>
    public required string Response { get; init => field = DigestSyntax.CheckRequiredQuotable(value, nameof(Response)); }

    /// <summary>Hash algorithm; MD5 when the parameter is absent (RFC 7616 §3.4).</summary>
    public DigestAlgorithm Algorithm { get; init => field = value ?? throw new ArgumentNullException(nameof(Algorithm)); } = DigestAlgorithm.Md5;

    /// <summary>Client nonce; present exactly when <see cref="Qop"/> is (RFC 7616 §3.4).</summary>
    public string? Cnonce { get; init => field = DigestSyntax.CheckQuotable(value, nameof(Cnonce)); }

    /// <summary>Opaque copied from the challenge.</summary>
    public string? Opaque { get; init => field = DigestSyntax.CheckQuotable(value, nameof(Opaque)); }

    /// <summary>Chosen qop; null is the RFC 2069 compatible form (RFC 3261 §22.4).</summary>
    public DigestQop? Qop { get; init; }

    /// <summary>
    /// nc: the count of requests sent with this nonce, exactly 8 hex digits as sent (RFC 7616 §3.4).
    /// Kept as text because the response is computed over the digits as written.
    /// </summary>
    public string? NonceCount
    {
        get;
        init => field = value is null || DigestSyntax.IsNonceCount(value)
            ? value
            : throw new ArgumentException("nc must be exactly 8 hex digits (RFC 7616 §3.4).", nameof(NonceCount));
    }

    /// <summary><see cref="Username"/> is hashed (RFC 7616 §3.4.4).</summary>
    public bool UserHash { get; init; }

    /// <summary>The numeric value of <see cref="NonceCount"/>, or null without one.</summary>
    public uint? NonceCountValue =>
        NonceCount is null ? null : uint.Parse(NonceCount, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    /// <summary>
    /// Builds credentials from a header already split into scheme and parameters (quoted values unquoted).
    /// Never throws on bad input; <paramref name="error"/> says what was wrong.
    /// </summary>
    public static bool TryCreate(
        string? scheme,
        IEnumerable<KeyValuePair<string, string?>>? parameters,
        [NotNullWhen(true)] out DigestCredentials? credentials,
        [NotNullWhen(false)] out string? error)
    {
        credentials = null;
        if (!string.Equals(scheme, DigestSyntax.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            error = $"scheme '{scheme}' is not Digest";
            return false;
        }

        if (!DigestParameterSet.TryCreate(parameters, out var set, out error)
            || !set.TryGetRequired("realm", allowEmpty: true, out var realm, out error)
            || !set.TryGetRequired("nonce", allowEmpty: false, out var nonce, out error)
            || !set.TryGetRequired("uri", allowEmpty: false, out var uri, out error)
            || !set.TryGetRequired("response", allowEmpty: false, out var response, out error)
            || !set.TryGetAlgorithm(out var algorithm, out error))
        {
            return false;
        }

        var userHash = DigestSyntax.ParseFlag(set.Get("userhash"));
        if (!TryGetUsername(set, userHash, out var username, out error))
        {
            return false;
        }

        if (!DigestSyntax.IsHex(response, algorithm.HexLength))
        {
            error = $"response must be {algorithm.HexLength} hex digits for {algorithm.Name}";
            return false;
        }

        if (!TryGetQopFields(set, out var qop, out var cnonce, out var nonceCount, out error))
        {
            return false;
        }

        // RFC 7616 §3.4.2: a session algorithm needs a cnonce, and cnonce only exists with qop.
        if (algorithm.IsSession && qop is null)
        {
            error = $"algorithm {algorithm.Name} requires qop";
            return false;
        }

        credentials = new DigestCredentials
        {
            Username = username,
            Realm = realm,
            Nonce = nonce,
            Uri = uri,
            Response = response,
            Algorithm = algorithm,
            Cnonce = cnonce,
            Opaque = set.Get("opaque"),
            Qop = qop,
            NonceCount = nonceCount,
            UserHash = userHash,
        };
        return true;
    }

    /// <summary>Parses a whole header value such as <c>Digest username="x", ...</c>. Never throws on bad input.</summary>
    public static bool TryParse(string? headerValue, [NotNullWhen(true)] out DigestCredentials? credentials, [NotNullWhen(false)] out string? error)
    {
        credentials = null;
        return AuthParamReader.TryReadHeader(headerValue, DigestSyntax.Scheme, out var scheme, out var parameters, out error)
            && TryCreate(scheme, parameters, out credentials, out error);
    }

    /// <summary>
    /// Formats the header value. username, realm, nonce, uri, response, cnonce and opaque are quoted;
    /// algorithm, qop, nc and userhash are tokens (RFC 7616 §3.4, RFC 3261 §25.1).
    /// The algorithm is always written, which MD5-only peers accept and which removes any doubt.
    /// </summary>
    public string ToHeaderValue() =>
        new AuthParamWriter(DigestSyntax.Scheme)
            .Quoted("username", Username)
            .Quoted("realm", Realm)
            .Quoted("nonce", Nonce)
            .Quoted("uri", Uri)
            .Quoted("response", Response)
            .Token("algorithm", Algorithm.Name)
            .Quoted("cnonce", Cnonce)
            .Quoted("opaque", Opaque)
            .Token("qop", Qop?.ToToken())
            .Token("nc", NonceCount)
            .Token("userhash", UserHash ? DigestSyntax.FormatFlag(true) : null)
            .ToString();

    /// <inheritdoc />
    public override string ToString() => ToHeaderValue();

    private static bool TryGetUsername(DigestParameterSet set, bool userHash, [NotNullWhen(true)] out string? username, [NotNullWhen(false)] out string? error)
    {
        username = null;
        var extended = set.Get("username*");
        if (!set.Contains("username*"))
        {
            return set.TryGetRequired("username", allowEmpty: true, out username, out error);
        }

        // RFC 7616 §3.4: username and username* MUST NOT both be present, and username* is not used with userhash.
        if (set.Contains("username") || userHash)
        {
            error = "username* cannot be combined with username or userhash";
            return false;
        }

        if (!ExtendedValue.TryDecode(extended, out username))
        {
            error = "username* is not a valid UTF-8 extended value (RFC 8187)";
            return false;
        }

        error = null;
        return true;
    }

    private static bool TryGetQopFields(
        DigestParameterSet set,
        out DigestQop? qop,
        out string? cnonce,
        out string? nonceCount,
        [NotNullWhen(false)] out string? error)
    {
        qop = null;
        cnonce = set.Get("cnonce");
        nonceCount = set.Get("nc");
        var qopText = set.Get("qop");
        if (qopText is null)
        {
            // RFC 2617 §3.2.2: cnonce and nc MUST NOT be sent when the server sent no qop.
            error = set.Contains("cnonce") || set.Contains("nc") || set.Contains("qop") ? "cnonce, nc or qop present without a qop value" : null;
            return error is null;
        }

        if (!DigestSyntax.TryParseQop(qopText, out var parsed))
        {
            error = $"unsupported qop '{qopText}'";
            return false;
        }

        qop = parsed;
        if (string.IsNullOrEmpty(cnonce))
        {
            error = "qop requires a non-empty cnonce";
            return false;
        }

        if (!DigestSyntax.IsNonceCount(nonceCount))
        {
            error = "qop requires nc of exactly 8 hex digits";
            return false;
        }

        error = null;
        return true;
    }
}
