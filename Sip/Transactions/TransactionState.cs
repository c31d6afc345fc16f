namespace Cinema.Sip.Transactions;

/// <summary>
/// The states of the four RFC 3261 §17 state machines, with the Accepted state that RFC 6026 adds to both INVITE
/// machines. Each machine uses a subset: client INVITE Calling, Proceeding, Completed, Accepted; client
/// non-INVITE Trying, Proceeding, Completed; server INVITE Proceeding, Completed, Confirmed, Accepted; server
/// non-INVITE Trying, Proceeding, Completed. All end in Terminated.
/// </summary>
public enum TransactionState : byte
{
    Calling,
    Trying,
    Proceeding,
    Completed,
    Confirmed,
    Accepted,
    Terminated,
}
