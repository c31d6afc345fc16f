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
/// out in order after it is released, so the transport and the TU are never called under the lock. A notification
/// carries a message or an error text, never both, so they share one field: every transaction holds one effect
/// inline (<see cref="Transaction"/>), including the waiting ones kept for up to 32 s.
/// </summary>
internal readonly struct TransactionEffect
{
    private readonly object? _payload;

    internal TransactionEffect(TransactionEffectKind kind, object? payload, ReadOnlyMemory<byte> bytes)
    {
        Kind = kind;
        _payload = payload;
        Bytes = bytes;
    }

    public TransactionEffectKind Kind { get; }

    /// <summary>The message or error text of a notification, as stored.</summary>
    internal object? Payload => _payload;

    /// <summary>The bytes of a <see cref="TransactionEffectKind.Send"/>.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>The message of a Response or Ack notification.</summary>
    public InboundMessage? Message => _payload as InboundMessage;

    /// <summary>The reason of a TransportError notification.</summary>
    public string? Error => _payload as string;

    public static TransactionEffect Send(ReadOnlyMemory<byte> bytes) => new(TransactionEffectKind.Send, null, bytes);

    public static TransactionEffect Notify(TransactionEffectKind kind, InboundMessage? message = null, string? error = null) =>
        new(kind, (object?)message ?? error, default);
}
