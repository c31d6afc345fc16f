namespace Cinema.Sip.Messages;

/// <summary>The protocol version this stack speaks (RFC 3261 §7.1).</summary>
public static class SipVersion
{
    public const string Sip20 = "SIP/2.0";
}
