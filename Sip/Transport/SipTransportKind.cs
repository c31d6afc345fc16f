namespace Cinema.Sip.Transport;

/// <summary>The transports this stack carries SIP over (RFC 3261 §18).</summary>
public enum SipTransportKind : byte
{
    Udp,
    Tcp,
    Tls,
}

public static class SipTransportKindExtensions
{
    /// <summary>Reliable transports need no retransmissions from the transaction layer (RFC 3261 §17.1.1.2, §17.1.2.2).</summary>
    public static bool IsReliable(this SipTransportKind kind) => kind != SipTransportKind.Udp;

    /// <summary>The Via transport token ("UDP", "TCP", "TLS").</summary>
    public static string ViaName(this SipTransportKind kind) => kind switch
    {
        SipTransportKind.Udp => "UDP",
        SipTransportKind.Tcp => "TCP",
        _ => "TLS",
    };

    public static int DefaultPort(this SipTransportKind kind) => kind == SipTransportKind.Tls ? 5061 : 5060;

    public static bool TryParse(string? name, out SipTransportKind kind)
    {
        switch (name?.ToUpperInvariant())
        {
            case "UDP": kind = SipTransportKind.Udp; return true;
            case "TCP": kind = SipTransportKind.Tcp; return true;
            case "TLS": kind = SipTransportKind.Tls; return true;
            default: kind = default; return false;
        }
    }
}
