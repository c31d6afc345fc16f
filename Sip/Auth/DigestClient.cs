using System.Buffers.Text;
using System.Security.Cryptography;

namespace Cinema.Sip.Auth;

/// <summary>Answers Digest challenges on the client side (RFC 3261 §22.2-§22.3, RFC 7616 §3.4, RFC 8760 §2.4).</summary>
public static class DigestClient
{
    /// <summary>
    /// Builds the credentials answering <paramref name="challenge"/>. Picks qop=auth when offered, else auth-int,
    /// else the RFC 2069 form for challenges without qop. Hashes the username when the challenge asks for userhash.
    /// </summary>
    /// <param name="challenge">The challenge to answer.</param>
    /// <param name="username">The real user name (hashed here if the challenge sets userhash).</param>
    /// <param name="password">The password.</param>
    /// <param name="method">The request method.</param>
    /// <param name="uri">The Request-URI, copied into the uri parameter (RFC 3261 §22.4).</param>
    /// <param name="body">The request body, used by auth-int.</param>
    /// <param name="nonceCount">How many requests this client has sent with this nonce, this one included (from 1).</param>
    /// <param name="cnonceSource">Produces the client nonce; defaults to 128 random bits.</param>
    public static DigestCredentials Answer(
        DigestChallenge challenge,
        string username,
        string password,
        string method,
        string uri,
        ReadOnlySpan<byte> body = default,
        uint nonceCount = 1,
        Func<string>? cnonceSource = null)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        var ha1 = DigestComputation.ComputeHa1(challenge.Algorithm, username, challenge.Realm, password);
        return AnswerWithHa1(challenge, username, ha1, method, uri, body, nonceCount, cnonceSource);
    }

    /// <summary>
    /// Same as <see cref="Answer"/> for a client that keeps HA1 = H(username:realm:password) instead of the password.
    /// </summary>
    public static DigestCredentials AnswerWithHa1(
        DigestChallenge challenge,
        string username,
        string ha1,
        string method,
        string uri,
        ReadOnlySpan<byte> body = default,
        uint nonceCount = 1,
        Func<string>? cnonceSource = null)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(ha1);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentOutOfRangeException.ThrowIfZero(nonceCount);

        var algorithm = challenge.Algorithm;
        DigestQop? qop = challenge.QopOptions.Contains(DigestQop.Auth) ? DigestQop.Auth
            : challenge.QopOptions.Contains(DigestQop.AuthInt) ? DigestQop.AuthInt
            : null;

        // RFC 7616 §3.4.2: the session algorithms mix in the cnonce, which only exists with qop.
        if (qop is null && algorithm.IsSession)
        {
            throw new ArgumentException($"{algorithm.Name} cannot be answered without qop.", nameof(challenge));
        }

        string? cnonce = qop is null ? null : (cnonceSource ?? CreateCnonce)();
        string? nc = qop is null ? null : DigestSyntax.FormatNonceCount(nonceCount);

        var effectiveHa1 = DigestComputation.ComputeEffectiveHa1(algorithm, ha1, challenge.Nonce, cnonce);
        var ha2 = DigestComputation.ComputeHa2(algorithm, qop, method, uri, body);
        var response = DigestComputation.ComputeResponse(algorithm, effectiveHa1, challenge.Nonce, qop, nc, cnonce, ha2);

        return new DigestCredentials
        {
            // RFC 7616 §3.4.4: with userhash the username parameter carries H(username:realm).
            Username = challenge.UserHash ? DigestComputation.ComputeUserHash(algorithm, username, challenge.Realm) : username,
            UserHash = challenge.UserHash,
            Realm = challenge.Realm,
            Nonce = challenge.Nonce,
            Uri = uri,
            Response = response,
            Algorithm = algorithm,
            Cnonce = cnonce,
            Opaque = challenge.Opaque,
            Qop = qop,
            NonceCount = nc,
        };
    }

    /// <summary>
    /// Picks the challenge to answer among those of one response: the first one parsed, since a UAS lists them
    /// most preferred first and unsupported ones fail to parse (RFC 8760 §2.4).
    /// </summary>
    public static DigestChallenge? SelectChallenge(IEnumerable<string> headerValues)
    {
        ArgumentNullException.ThrowIfNull(headerValues);
        foreach (var value in headerValues)
        {
            if (DigestChallenge.TryParse(value, out var challenge, out _))
            {
                return challenge;
            }
        }

        return null;
    }

    /// <summary>A fresh client nonce: 128 random bits, base64url (RFC 7616 §3.4 asks for enough entropy).</summary>
    public static string CreateCnonce() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
}
