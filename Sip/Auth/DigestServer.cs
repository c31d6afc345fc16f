using System.Buffers;
using System.Security.Cryptography;

namespace Cinema.Sip.Auth;

/// <summary>
/// Server side of Digest: builds challenges and verifies credentials against a stored HA1, never a password
/// (RFC 3261 §22.1 and §22.3, RFC 7616 §3.3-§3.5, RFC 8760 §2.3).
/// </summary>
public sealed class DigestServer
{
    private readonly NonceService _nonces;
    private readonly NonceCountTracker _nonceCounts;

    /// <param name="nonces">Issues and checks nonces.</param>
    /// <param name="nonceCounts">Replay protection for nc.</param>
    /// <param name="options">What to offer; defaults when null.</param>
    public DigestServer(NonceService nonces, NonceCountTracker nonceCounts, DigestServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(nonces);
        ArgumentNullException.ThrowIfNull(nonceCounts);
        _nonces = nonces;
        _nonceCounts = nonceCounts;
        Options = options ?? new DigestServerOptions();
        if (Options.Algorithms.Count == 0)
        {
            throw new ArgumentException("At least one algorithm must be offered.", nameof(options));
        }

        if (Options.QopOptions.Count == 0 && Options.Algorithms.Any(a => a.IsSession))
        {
            throw new ArgumentException("Session algorithms need qop (RFC 7616 §3.4.2).", nameof(options));
        }
    }

    /// <summary>The options in force.</summary>
    public DigestServerOptions Options { get; }

    /// <summary>
    /// One challenge per offered algorithm, most preferred first, sharing a fresh nonce (RFC 8760 §2.3).
    /// Send each as its own WWW-Authenticate (401) or Proxy-Authenticate (407) header.
    /// </summary>
    /// <param name="realm">The protection space.</param>
    /// <param name="stale">True after <see cref="DigestVerificationResult.StaleNonce"/> (RFC 7616 §3.3).</param>
    public IReadOnlyList<DigestChallenge> CreateChallenges(string realm, bool stale = false)
    {
        var nonce = _nonces.Issue(realm);
        return [.. Options.Algorithms.Select(algorithm => new DigestChallenge
        {
            Realm = realm,
            Nonce = nonce,
            Stale = stale,
            Algorithm = algorithm,
            QopOptions = Options.QopOptions,
            UserHash = Options.UserHash,
            Charset = Options.UserHash ? "UTF-8" : null,
        })];
    }

    /// <summary>
    /// Verifies credentials for a request. The response is checked before the nonce's freshness, so stale is only
    /// reported to a client that knows the password (RFC 7616 §3.3), and before nc is recorded, so forged requests
    /// cannot burn counts.
    /// </summary>
    /// <param name="credentials">Parsed Authorization or Proxy-Authorization.</param>
    /// <param name="realm">The realm this server challenges with.</param>
    /// <param name="method">The request method.</param>
    /// <param name="requestUri">The Request-URI as received, compared ordinally with the uri parameter.</param>
    /// <param name="body">The request body, for auth-int.</param>
    /// <param name="storedHa1">
    /// H(username:realm:password) for the credentials' hash function (<see cref="DigestAlgorithm.BaseAlgorithm"/>),
    /// or null for an unknown user: the digest is still computed so the answer takes the same time.
    /// </param>
    public DigestVerificationResult Verify(
        DigestCredentials credentials,
        string realm,
        string method,
        string requestUri,
        ReadOnlySpan<byte> body,
        string? storedHa1)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(realm);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(requestUri);
        var algorithm = credentials.Algorithm;
        if (storedHa1 is not null && !DigestSyntax.IsHex(storedHa1, algorithm.HexLength))
        {
            throw new ArgumentException($"The stored HA1 must be {algorithm.HexLength} hex digits for {algorithm.Name}.", nameof(storedHa1));
        }

        var precheck = CheckParameters(credentials, realm, requestUri);
        if (precheck is not DigestVerificationResult.Ok)
        {
            return precheck;
        }

        var nonce = _nonces.Validate(credentials.Nonce, realm);
        if (nonce.Status == NonceStatus.Invalid)
        {
            return DigestVerificationResult.InvalidNonce;
        }

        var expected = DigestComputation.ComputeResponse(credentials, storedHa1 ?? new string('0', algorithm.HexLength), method, body);
        if (!HexEqualsInFixedTime(expected, credentials.Response, algorithm.HashSizeInBytes, out var malformed))
        {
            return malformed ? DigestVerificationResult.Malformed : DigestVerificationResult.BadResponse;
        }

        if (storedHa1 is null)
        {
            return DigestVerificationResult.BadResponse;
        }

        if (nonce.Status == NonceStatus.Stale)
        {
            return DigestVerificationResult.StaleNonce;
        }

        // Without qop there is no nc to track (RFC 2069 form, only when AllowMissingQop).
        if (credentials.NonceCountValue is { } count && !_nonceCounts.TryAccept(credentials.Nonce, count, nonce.IssuedAt))
        {
            return DigestVerificationResult.ReplayedNonceCount;
        }

        return DigestVerificationResult.Ok;
    }

    /// <summary>
    /// Authentication-Info for a verified request: rspauth for mutual authentication and, if asked, a nextnonce
    /// (RFC 7616 §3.5, RFC 3261 §22.4).
    /// </summary>
    public DigestAuthenticationInfo CreateAuthenticationInfo(
        DigestCredentials credentials,
        string storedHa1,
        ReadOnlySpan<byte> responseBody,
        bool includeNextNonce = false)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return new DigestAuthenticationInfo
        {
            NextNonce = includeNextNonce ? _nonces.Issue(credentials.Realm) : null,
            Qop = credentials.Qop,
            ResponseAuth = DigestComputation.ComputeResponseAuth(credentials, storedHa1, responseBody),
            Cnonce = credentials.Cnonce,
            NonceCount = credentials.NonceCount,
        };
    }

    private DigestVerificationResult CheckParameters(DigestCredentials credentials, string realm, string requestUri)
    {
        if (!string.Equals(credentials.Realm, realm, StringComparison.Ordinal))
        {
            return DigestVerificationResult.RealmMismatch;
        }

        if (!Options.Algorithms.Contains(credentials.Algorithm))
        {
            return DigestVerificationResult.AlgorithmNotOffered;
        }

        var qopOffered = credentials.Qop is { } qop ? Options.QopOptions.Contains(qop) : Options.AllowMissingQop;
        if (!qopOffered)
        {
            return DigestVerificationResult.QopNotOffered;
        }

        // Credentials built in code skip the parser's checks; the computation needs these to be consistent.
        if (credentials.Qop is not null && (credentials.Cnonce is null || credentials.NonceCount is null))
        {
            return DigestVerificationResult.Malformed;
        }

        // RFC 2617 §3.2.2.5: the uri parameter must name the resource of the request line.
        return string.Equals(credentials.Uri, requestUri, StringComparison.Ordinal)
            ? DigestVerificationResult.Ok
            : DigestVerificationResult.UriMismatch;
    }

    private static bool HexEqualsInFixedTime(string expectedHex, string receivedHex, int size, out bool malformed)
    {
        // Compare decoded bytes so the hex case the client used does not matter, and in fixed time so
        // the comparison leaks nothing about the expected digest.
        var buffer = ArrayPool<byte>.Shared.Rent(size * 2);
        try
        {
            var expected = buffer.AsSpan(0, size);
            var received = buffer.AsSpan(size, size);
            malformed = receivedHex.Length != size * 2
                || Convert.FromHexString(receivedHex, received, out _, out var written) != OperationStatus.Done
                || written != size;
            if (malformed)
            {
                return false;
            }

            Convert.FromHexString(expectedHex, expected, out _, out _);
            return CryptographicOperations.FixedTimeEquals(expected, received);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }
}
