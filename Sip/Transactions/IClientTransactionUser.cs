using Cinema.Sip.Transport;

namespace Cinema.Sip.Transactions;

/// <summary>
/// The TU of one client transaction: a UAC core waiting for its answer, or one branch of a proxy's response
/// context (RFC 3261 §16.7). Calls for one transaction come one at a time and in order, never under a lock, and
/// may call back into the layer.
/// </summary>
public interface IClientTransactionUser
{
    /// <summary>
    /// A response matched the transaction and the state machine passes it up: every provisional response, the final
    /// response, and for INVITE every further 2xx while in Accepted (RFC 6026 §7.2). Retransmitted non-2xx finals
    /// are absorbed (§17.1.1.2, §17.1.2.2).
    /// </summary>
    void OnResponse(ClientTransaction transaction, InboundMessage response);

    /// <summary>Timer B (INVITE) or F (non-INVITE) fired without a final response (§17.1.1.2, §17.1.2.2).</summary>
    void OnTimeout(ClientTransaction transaction);

    /// <summary>The transport could not send the request or the ACK (§17.1.4); the transaction terminates.</summary>
    void OnTransportError(ClientTransaction transaction, string reason);

    /// <summary>The transaction reached Terminated and left the table; it will call nothing more.</summary>
    void OnTerminated(ClientTransaction transaction);
}
