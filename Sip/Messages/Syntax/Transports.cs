namespace Cinema.Sip.Messages.Syntax;

/// <summary>Shared strings for the common Via transports, so parsing a Via does not allocate one.</summary>
internal static class Transports
{
    public static string Intern(ReadOnlySpan<byte> t)
    {
        if (CharClass.EqualsLower(t, "udp"u8)) return "UDP";
        if (CharClass.EqualsLower(t, "tcp"u8)) return "TCP";
        if (CharClass.EqualsLower(t, "tls"u8)) return "TLS";
        if (CharClass.EqualsLower(t, "sctp"u8)) return "SCTP";
        if (CharClass.EqualsLower(t, "ws"u8)) return "WS";
        if (CharClass.EqualsLower(t, "wss"u8)) return "WSS";
        return Text.Ascii(t).ToUpperInvariant();
    }
}
