namespace Cinema.Sip.Transport;

/// <summary>
/// The outcome of handing a message to a transport. A failure (connection refused or reset, ICMP unreachable,
/// no route, a closed connection for a response) is a transport error the transaction user hears about
/// (RFC 3261 §17.1.4, §17.2.4).
/// </summary>
public readonly record struct SendResult(bool Sent, string? Error)
{
    public static readonly SendResult Ok = new(true, null);

    public static SendResult Failed(string error) => new(false, error);
}
