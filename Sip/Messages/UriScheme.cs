namespace Cinema.Sip.Messages;

/// <summary>The URI schemes SIP elements act on; anything else is <see cref="Other"/> (answered 416, RFC 3261 §8.2.2.1).</summary>
public enum UriScheme : byte
{
    Other = 0,
    Sip,
    Sips,
    Tel,
}
