namespace Cinema.Sip.Parsing;

/// <summary>
/// Why a message was refused, and the status a server sends back for a request: 400 for syntax, 505 for an
/// unsupported SIP version (RFC 3261 §8.2.2, §21.5.6). The reason is written for a human and is safe to put in
/// a reason phrase (printable ASCII).
/// </summary>
public sealed record ParseError(int StatusCode, string Reason)
{
    public override string ToString() => $"{StatusCode} {Reason}";
}
