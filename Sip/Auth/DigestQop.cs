namespace Cinema.Sip.Auth;

/// <summary>Quality of protection (RFC 7616 §3.3, RFC 3261 §25.1 qop-value).</summary>
public enum DigestQop
{
    /// <summary>"auth": authentication only; A2 = method:uri.</summary>
    Auth,

    /// <summary>"auth-int": authentication with body integrity; A2 = method:uri:H(body).</summary>
    AuthInt,
}
