namespace Cinema.Sip.Auth;

/// <summary>
/// Why <see cref="DigestServer.Verify"/> accepted or refused credentials. Meant for the server's logic and logs;
/// what the peer is told should stay uniform (RFC 7616 §5.3: do not reveal which part was wrong).
/// </summary>
public enum DigestVerificationResult
{
    /// <summary>Malformed credentials (bad response length or hex, inconsistent parameters). Listed first so a default value fails closed.</summary>
    Malformed = 0,

    /// <summary>Credentials verified.</summary>
    Ok,

    /// <summary>The digest does not match: wrong password, unknown user, or tampered parameters.</summary>
    BadResponse,

    /// <summary>Digest right but nonce expired: challenge again with stale=true (RFC 7616 §3.3).</summary>
    StaleNonce,

    /// <summary>The nonce was not issued by us for this realm.</summary>
    InvalidNonce,

    /// <summary>nc not greater than one already seen for this nonce (RFC 7616 §5.5), or the nonce may have been forgotten.</summary>
    ReplayedNonceCount,

    /// <summary>The algorithm is not one the server offers (RFC 8760 §2.3).</summary>
    AlgorithmNotOffered,

    /// <summary>The qop, or its absence, is not what the server offers.</summary>
    QopNotOffered,

    /// <summary>The realm is not the one the server challenged with.</summary>
    RealmMismatch,

    /// <summary>The uri parameter is not the Request-URI (RFC 2617 §3.2.2.5, RFC 3261 §22.4).</summary>
    UriMismatch,
}
