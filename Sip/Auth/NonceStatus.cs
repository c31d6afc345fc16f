namespace Cinema.Sip.Auth;

/// <summary>Outcome of checking a nonce issued by <see cref="NonceService"/>.</summary>
public enum NonceStatus
{
    /// <summary>Not issued by a server holding the secret, issued for another realm, or garbled. Listed first so a default value fails closed.</summary>
    Invalid = 0,

    /// <summary>Authentic and within its lifetime.</summary>
    Valid,

    /// <summary>Authentic but past its lifetime: answer stale=true if the digest is otherwise right (RFC 7616 §3.3).</summary>
    Stale,
}
