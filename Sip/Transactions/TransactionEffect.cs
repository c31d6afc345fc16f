using Cinema.Sip.Transport;

namespace Cinema.Sip.Transactions;

internal enum TransactionEffectKind : byte
{
    /// <summary>Hand bytes to the transport: a request or ACK (client), a response (server).</summary>
    Send,

    /// <summary>Tell the TU about the request that created a server transaction.</summary>
    Request,

    /// <summary>Tell the TU about a response a client transaction received.</summary>
    Response,

    /// <summary>Tell the TU about an ACK a server INVITE transaction received in Accepted (RFC 6026 §7.1).</summary>
    Ack,

    /// <summary>Tell the TU that Timer B, F or H fired.</summary>
    Timeout,

    /// <summary>Tell the TU that the transport failed (RFC 3261 §17.1.4, §17.2.4).</summary>
    TransportError,

    /// <summary>Start the CANCEL a client INVITE transaction was asked for, now that it may be sent (§9.1).</summary>
    Cancel,
}

/// <summary>
/// Something a state machine decided to do. Effects are queued while the transaction's lock is held and carried
/// out in order after it is released, so the transport and the TU are never called under the lock.
/// </summary>
internal readonly record struct TransactionEffect(TransactionEffectKind Kind, InboundMessage? Message, ReadOnlyMemory<byte> Bytes, string? Error)
{
    public static TransactionEffect Send(ReadOnlyMemory<byte> bytes) => new(TransactionEffectKind.Send, null, bytes, null);

    public static TransactionEffect Notify(TransactionEffectKind kind, InboundMessage? message = null, string? error = null) =>
        new(kind, message, default, error);
}
