namespace Cinema.Sip.Transactions;

/// <summary>
/// The transaction timers, named as in RFC 3261 §17 (table in Appendix A) and RFC 6026 §8.11. Timer C belongs to
/// the proxy core (§16.8), not here. <see cref="Trying"/> is the unnamed 200 ms wait of §17.2.1 before a server
/// INVITE transaction answers 100 Trying on the TU's behalf.
/// </summary>
internal enum TimerName : byte
{
    A,
    B,
    D,
    E,
    F,
    G,
    H,
    I,
    J,
    K,
    L,
    M,
    Trying,
}
