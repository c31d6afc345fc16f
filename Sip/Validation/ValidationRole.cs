namespace Cinema.Sip.Validation;

/// <summary>Which rules apply: a proxy forwards (RFC 3261 §16.3), a UAS consumes (§8.2), a registrar registers (§10.3).</summary>
public enum ValidationRole : byte
{
    Proxy,
    UserAgentServer,
    Registrar,
}
