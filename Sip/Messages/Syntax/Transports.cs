namespace Cinema.Sip.Messages.Syntax;

/// <summary>Shared strings for the common Via transports, so parsing a Via does not allocate one.</summary>
internal static class Transports
{
    public static string Intern(ReadOnlySpan<byte> t)
    {
        if (System.Text.Ascii.EqualsIgnoreCase(t, "UDP"u8)) return "UDP";
        if (System.Text.Ascii.EqualsIgnoreCase(t, "TCP"u8)) return "TCP";
        if (System.Text.Ascii.EqualsIgnoreCase(t, "TLS"u8)) return "TLS";
        if (System.Text.Ascii.EqualsIgnoreCase(t, "SCTP"u8)) return "SCTP";
        if (System.Text.Ascii.EqualsIgnoreCase(t, "WS"u8)) return "WS";
        if (System.Text.Ascii.EqualsIgnoreCase(t, "WSS"u8)) return "WSS";
        return Text.Ascii(t).ToUpperInvariant();
    }
}
