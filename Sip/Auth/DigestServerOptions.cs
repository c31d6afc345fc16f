namespace Cinema.Sip.Auth;

/// <summary>What a <see cref="DigestServer"/> offers and accepts.</summary>
public sealed class DigestServerOptions
{
    /// <summary>
    /// Algorithms offered, most preferred first; one challenge is sent per algorithm (RFC 8760 §2.3).
    /// SHA-256 first, MD5 after it for the many SIP devices that know nothing else.
    /// </summary>
    public IReadOnlyList<DigestAlgorithm> Algorithms { get; init; } = [DigestAlgorithm.Sha256, DigestAlgorithm.Md5];

    /// <summary>qop values offered, in order of preference.</summary>
    public IReadOnlyList<DigestQop> QopOptions { get; init; } = [DigestQop.Auth];

    /// <summary>
    /// Accept credentials without qop (RFC 2069 form, RFC 3261 §22.4). Off by default: without qop there is
    /// no nc, so a captured request can be replayed until its nonce goes stale.
    /// </summary>
    public bool AllowMissingQop { get; init; }

    /// <summary>Advertise userhash=true (RFC 7616 §3.4.4); looking users up by hashed name is then the caller's job.</summary>
    public bool UserHash { get; init; }
}
