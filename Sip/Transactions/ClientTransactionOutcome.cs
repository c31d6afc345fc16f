using Cinema.Sip.Messages;

namespace Cinema.Sip.Transactions;

/// <summary>How a client transaction ended for its TU: a final response, a timeout, or a transport error.</summary>
public sealed record ClientTransactionOutcome(SipResponse? FinalResponse, bool TimedOut, string? TransportError)
{
    /// <summary>Timer B or F fired (RFC 3261 §17.1.1.2, §17.1.2.2); the TU treats it as a 408 (§8.1.3.1).</summary>
    public static ClientTransactionOutcome Timeout { get; } = new(null, true, null);

    public static ClientTransactionOutcome Final(SipResponse response) => new(response, false, null);

    public static ClientTransactionOutcome Failed(string error) => new(null, false, error);
}
