namespace Cinema.Sip.Auth;

/// <summary>
/// The digest calculations of RFC 7616 §3.4.1-§3.4.4 (RFC 2617 §3.2.2, RFC 3261 §22.4). All values are
/// lowercase hex strings; text is hashed as UTF-8, the charset SIP uses throughout (RFC 3261 §7.3.1).
/// </summary>
public static class DigestComputation
{
    /// <summary>
    /// HA1 = H(username ":" realm ":" password) (RFC 7616 §3.4.2). This is the value a server stores instead of the
    /// password, once per realm and hash function; the "-sess" variants start from it too.
    /// </summary>
    public static string ComputeHa1(DigestAlgorithm algorithm, string username, string realm, string password)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        return algorithm.HashToHex($"{username}:{realm}:{password}");
    }

    /// <summary>
    /// The HA1 that enters the response: <paramref name="ha1"/> itself, or for "-sess" algorithms
    /// H(HA1 ":" nonce ":" cnonce) (RFC 7616 §3.4.2; RFC 2617 erratum 1649 for the hashed inner HA1).
    /// </summary>
    public static string ComputeEffectiveHa1(DigestAlgorithm algorithm, string ha1, string nonce, string? cnonce)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        ArgumentNullException.ThrowIfNull(ha1);
        var normalized = ha1.ToLowerInvariant();
        if (!algorithm.IsSession)
        {
            return normalized;
        }

        // RFC 7616 §3.4.2: session algorithms need the client nonce, which only exists with qop.
        return cnonce is null
            ? throw new ArgumentException($"{algorithm.Name} requires a cnonce.", nameof(cnonce))
            : algorithm.HashToHex($"{normalized}:{nonce}:{cnonce}");
    }

    /// <summary>
    /// HA2 = H(method ":" uri) for qop=auth or no qop, H(method ":" uri ":" H(body)) for auth-int (RFC 7616 §3.4.3).
    /// </summary>
    public static string ComputeHa2(DigestAlgorithm algorithm, DigestQop? qop, string method, string uri, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        return qop == DigestQop.AuthInt
            ? ComputeHa2AuthInt(algorithm, method, uri, algorithm.HashToHex(body))
            : algorithm.HashToHex($"{method}:{uri}");
    }

    /// <summary>
    /// HA2 for auth-int when the body hash H(entity-body) is already known, e.g. hashed while streaming (RFC 7616 §3.4.3).
    /// RFC 3261 §22.4 hashes an empty body as H("").
    /// </summary>
    public static string ComputeHa2AuthInt(DigestAlgorithm algorithm, string method, string uri, string bodyHash)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        ArgumentNullException.ThrowIfNull(bodyHash);
        return algorithm.HashToHex($"{method}:{uri}:{bodyHash.ToLowerInvariant()}");
    }

    /// <summary>
    /// request-digest (RFC 7616 §3.4.1): with qop, H(HA1:nonce:nc:cnonce:qop:HA2); without qop, the
    /// RFC 2069 form H(HA1:nonce:HA2) that RFC 3261 §22.4 keeps for compatibility.
    /// <paramref name="effectiveHa1"/> is the result of <see cref="ComputeEffectiveHa1"/>.
    /// </summary>
    public static string ComputeResponse(
        DigestAlgorithm algorithm,
        string effectiveHa1,
        string nonce,
        DigestQop? qop,
        string? nonceCount,
        string? cnonce,
        string ha2)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        ArgumentNullException.ThrowIfNull(effectiveHa1);
        if (qop is null)
        {
            return algorithm.HashToHex($"{effectiveHa1.ToLowerInvariant()}:{nonce}:{ha2}");
        }

        if (nonceCount is null || cnonce is null)
        {
            throw new ArgumentException("qop requires nc and cnonce (RFC 7616 §3.4).");
        }

        return algorithm.HashToHex($"{effectiveHa1.ToLowerInvariant()}:{nonce}:{nonceCount}:{cnonce}:{qop.Value.ToToken()}:{ha2}");
    }

    /// <summary>
    /// The request-digest expected for <paramref name="credentials"/>, from the stored HA1 (RFC 7616 §3.4.1).
    /// Uses the credentials' own uri, nonce, nc, cnonce and qop, as the client did.
    /// </summary>
    public static string ComputeResponse(DigestCredentials credentials, string storedHa1, string method, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var algorithm = credentials.Algorithm;
        var ha1 = ComputeEffectiveHa1(algorithm, storedHa1, credentials.Nonce, credentials.Cnonce);
        var ha2 = ComputeHa2(algorithm, credentials.Qop, method, credentials.Uri, body);
        return ComputeResponse(algorithm, ha1, credentials.Nonce, credentials.Qop, credentials.NonceCount, credentials.Cnonce, ha2);
    }

    /// <summary>
    /// rspauth for Authentication-Info: the request-digest with an empty method in A2, and the response
    /// body for auth-int (RFC 7616 §3.5, RFC 2617 §3.2.3).
    /// </summary>
    public static string ComputeResponseAuth(DigestCredentials credentials, string storedHa1, ReadOnlySpan<byte> responseBody) =>
        ComputeResponse(credentials, storedHa1, method: string.Empty, responseBody);

    /// <summary>userhash username = H(username ":" realm) (RFC 7616 §3.4.4).</summary>
    public static string ComputeUserHash(DigestAlgorithm algorithm, string username, string realm)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        return algorithm.HashToHex($"{username}:{realm}");
    }
}
