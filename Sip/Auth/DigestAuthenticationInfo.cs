using System.Diagnostics.CodeAnalysis;

namespace Cinema.Sip.Auth;

/// <summary>
/// The Authentication-Info header value (RFC 3261 §20.6 and §25.1, RFC 7616 §3.5): mutual authentication
/// via rspauth and the nonce to use next. It has no scheme, only parameters.
/// </summary>
public sealed class DigestAuthenticationInfo
{
    /// <summary>Nonce the client should use for its next request.</summary>
    public string? NextNonce { get; init => field = DigestSyntax.CheckQuotable(value, nameof(NextNonce)); }

    /// <summary>The qop the server applied to the response digest.</summary>
    public DigestQop? Qop { get; init; }

    /// <summary>response-digest proving the server knows the credentials (RFC 7616 §3.5).</summary>
    public string? ResponseAuth { get; init => field = DigestSyntax.CheckQuotable(value, nameof(ResponseAuth)); }

    /// <summary>cnonce of the request being answered.</summary>
    public string? Cnonce { get; init => field = DigestSyntax.CheckQuotable(value, nameof(Cnonce)); }

    /// <summary>nc of the request being answered, 8 hex digits.</summary>
    public string? NonceCount
    {
        get;
        init => field = value is null || DigestSyntax.IsNonceCount(value)
            ? value
            : throw new ArgumentException("nc must be exactly 8 hex digits (RFC 7616 §3.5).", nameof(NonceCount));
    }

    /// <summary>Builds the value from parameters already split and unquoted. Never throws on bad input.</summary>
    public static bool TryCreate(
        IEnumerable<KeyValuePair<string, string?>>? parameters,
        [NotNullWhen(true)] out DigestAuthenticationInfo? info,
        [NotNullWhen(false)] out string? error)
    {
        info = null;
        if (!DigestParameterSet.TryCreate(parameters, out var set, out error))
        {
            return false;
        }

        DigestQop? qop = null;
        var qopText = set.Get("qop");
        if (qopText is not null)
        {
            if (!DigestSyntax.TryParseQop(qopText, out var parsed))
            {
                error = $"unsupported qop '{qopText}'";
                return false;
            }

            qop = parsed;
        }

        var nonceCount = set.Get("nc");
        if (nonceCount is not null && !DigestSyntax.IsNonceCount(nonceCount))
        {
            error = "nc must be exactly 8 hex digits";
            return false;
        }

        var responseAuth = set.Get("rspauth");
        if (responseAuth is not null && !responseAuth.All(char.IsAsciiHexDigit))
        {
            error = "rspauth must be hex digits";
            return false;
        }

        info = new DigestAuthenticationInfo
        {
            NextNonce = set.Get("nextnonce"),
            Qop = qop,
            ResponseAuth = responseAuth,
            Cnonce = set.Get("cnonce"),
            NonceCount = nonceCount,
        };
        return true;
    }

    /// <summary>Parses a header value such as <c>nextnonce="x", qop=auth, rspauth="..."</c>. Never throws on bad input.</summary>
    public static bool TryParse(string? headerValue, [NotNullWhen(true)] out DigestAuthenticationInfo? info, [NotNullWhen(false)] out string? error)
    {
        info = null;
        return AuthParamReader.TryReadParameterList(headerValue, out var parameters, out error)
            && TryCreate(parameters, out info, out error);
    }

    /// <summary>Formats the value: nextnonce, rspauth and cnonce quoted; qop and nc tokens (RFC 7616 §3.5).</summary>
    public string ToHeaderValue() =>
        new AuthParamWriter(scheme: null)
            .Quoted("nextnonce", NextNonce)
            .Token("qop", Qop?.ToToken())
            .Quoted("rspauth", ResponseAuth)
            .Quoted("cnonce", Cnonce)
            .Token("nc", NonceCount)
            .ToString();

    /// <inheritdoc />
    public override string ToString() => ToHeaderValue();
}
