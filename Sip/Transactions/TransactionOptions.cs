namespace Cinema.Sip.Transactions;

/// <summary>
/// Timer values of the transaction layer (RFC 3261 §17.1.1.1 and Appendix A; RFC 6026 §8.11). The letter timers
/// derive from T1, T2 and T4 as the RFC defines them; change T1 and the 64*T1 timers follow.
/// </summary>
public sealed record TransactionOptions
{
    public static TransactionOptions Default { get; } = new();

    /// <summary>RTT estimate, 500 ms by default (RFC 3261 §17.1.1.1).</summary>
    public TimeSpan T1 { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Maximum retransmit interval for non-INVITE requests and INVITE responses, 4 s (§17.1.2.2, §17.2.1).</summary>
    public TimeSpan T2 { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>Maximum time a message stays in the network, 5 s (§17.1.2.2).</summary>
    public TimeSpan T4 { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Timer D on unreliable transports: "at least 32 seconds" (§17.1.1.2). Zero on reliable ones.</summary>
    public TimeSpan TimerDUnreliable { get; init; } = TimeSpan.FromSeconds(32);

    /// <summary>How long a server INVITE transaction waits for the TU before it sends 100 Trying itself (§17.2.1).</summary>
    public TimeSpan TryingDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Send 100 Trying as soon as an INVITE arrives instead of after <see cref="TryingDelay"/>. A stateful proxy
    /// does this: it cannot know how long the next hop takes (RFC 3261 §16.2, §17.2.1).
    /// </summary>
    public bool SendTryingImmediately { get; init; }

    /// <summary>
    /// Hand 2xx responses to INVITE that match no client transaction to <see cref="ITransactionUser.OnStrayResponse"/>
    /// (an RFC 3261 proxy forwards them statelessly, §16.7 step 1) instead of discarding them as RFC 6026 has every
    /// element but a stateless proxy do, now that the Accepted state keeps legitimate 2xx matched. Other stray
    /// responses are always discarded.
    /// </summary>
    public bool PassStray2xxToUser { get; init; }

    /// <summary>INVITE transaction timeout, 64*T1 (§17.1.1.2).</summary>
    public TimeSpan TimerB => T1 * 64;

    /// <summary>Non-INVITE transaction timeout, 64*T1 (§17.1.2.2).</summary>
    public TimeSpan TimerF => T1 * 64;

    /// <summary>Wait for the ACK of a non-2xx final response, 64*T1 (§17.2.1).</summary>
    public TimeSpan TimerH => T1 * 64;

    /// <summary>Wait for ACK retransmissions on unreliable transports, T4 (§17.2.1).</summary>
    public TimeSpan TimerIUnreliable => T4;

    /// <summary>Wait for non-INVITE request retransmissions on unreliable transports, 64*T1 (§17.2.2).</summary>
    public TimeSpan TimerJUnreliable => T1 * 64;

    /// <summary>Wait for non-INVITE response retransmissions on unreliable transports, T4 (§17.1.2.2).</summary>
    public TimeSpan TimerKUnreliable => T4;

    /// <summary>Wait in Accepted for INVITE retransmissions, 64*T1 on any transport (RFC 6026 §8.11).</summary>
    public TimeSpan TimerL => T1 * 64;

    /// <summary>Wait in Accepted for 2xx retransmissions and 2xx of other forks, 64*T1 (RFC 6026 §8.11).</summary>
    public TimeSpan TimerM => T1 * 64;

    /// <summary>Throws when the values cannot drive the timers.</summary>
    internal TransactionOptions Validated()
    {
        if (T1 <= TimeSpan.Zero) throw new ArgumentException("T1 must be positive.", nameof(T1));
        if (T2 < T1) throw new ArgumentException("T2 must not be below T1.", nameof(T2));
        if (T4 <= TimeSpan.Zero) throw new ArgumentException("T4 must be positive.", nameof(T4));
        if (TimerDUnreliable <= TimeSpan.Zero) throw new ArgumentException("Timer D must be positive.", nameof(TimerDUnreliable));
        if (TryingDelay < TimeSpan.Zero) throw new ArgumentException("The 100 Trying delay must not be negative.", nameof(TryingDelay));
        return this;
    }
}
