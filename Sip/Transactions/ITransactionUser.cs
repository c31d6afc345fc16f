using Cinema.Sip.Transport;

namespace Cinema.Sip.Transactions;

/// <summary>
/// The transaction user of a <see cref="TransactionLayer"/> on the server side: a UAS core, a registrar, a proxy
/// core. Calls for one transaction come one at a time and in order, never under a lock, and may call back into
/// the transaction (answer from inside <see cref="OnRequest"/>) or into the layer (start client transactions).
/// </summary>
public interface ITransactionUser
{
    /// <summary>
    /// A request that matched no transaction, in a new server transaction (RFC 3261 §17.2.3). Not called for ACK
    /// (<see cref="OnAck"/>) or CANCEL (<see cref="OnCancel"/>). Answer with <see cref="ServerTransaction.SendResponse(SipResponse)"/>.
    /// </summary>
    void OnRequest(ServerTransaction transaction);

    /// <summary>
    /// A new CANCEL, in its own server transaction (§9.2), with the INVITE server transaction it cancels, or null
    /// when none matched (answer 481 then). The TU answers the CANCEL, and the INVITE with 487 if it is still in
    /// Proceeding (§9.2), or as a proxy cancels its pending branches (§16.10).
    /// </summary>
    void OnCancel(ServerNonInviteTransaction cancel, ServerInviteTransaction? invite);

    /// <summary>
    /// An ACK the transaction layer does not absorb: an ACK for a 2xx, which belongs to no transaction (§17.1.1.3,
    /// §13.2.2.4) and comes with a null transaction, or an ACK that matched an INVITE server transaction in Accepted
    /// (RFC 6026 §7.1). A UAS matches it to its dialog; a proxy forwards it statelessly (§16.11).
    /// </summary>
    void OnAck(InboundMessage ack, ServerInviteTransaction? transaction);

    /// <summary>
    /// A 2xx to INVITE that matched no client transaction, only when <see cref="TransactionOptions.PassStray2xxToUser"/>
    /// is set: RFC 6026 (its update of RFC 3261 §18.1.2) has every element but a stateless proxy discard responses
    /// that match no transaction, while RFC 3261 §16.7 step 1 had a proxy forward them statelessly. Other stray
    /// responses are always dropped.
    /// </summary>
    void OnStrayResponse(InboundMessage response);

    /// <summary>Timer H fired: no ACK came for a non-2xx final response (§17.2.1). The transaction terminates.</summary>
    void OnTimeout(ServerInviteTransaction transaction);

    /// <summary>
    /// The transport could not send a response (§17.2.4). A non-INVITE server transaction terminates; an INVITE
    /// server transaction keeps its state so retransmissions are still absorbed, and its timers end it (RFC 6026 §7.1).
    /// </summary>
    void OnTransportError(ServerTransaction transaction, string reason);

    /// <summary>The transaction reached Terminated and left the table; it will call nothing more.</summary>
    void OnTerminated(ServerTransaction transaction);
}
