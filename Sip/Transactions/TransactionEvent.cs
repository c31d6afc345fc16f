using Cinema.Sip.Transport;

namespace Cinema.Sip.Transactions;

internal enum TransactionEventKind : byte
{
    /// <summary>The transaction was created: send the request (client) or hand the request to the TU (server).</summary>
    Start,

    /// <summary>A request matched a server transaction: a retransmission.</summary>
    Request,

    /// <summary>An ACK matched a server INVITE transaction.</summary>
    Ack,

    /// <summary>A response matched a client transaction.</summary>
    Response,

    /// <summary>The TU hands a server transaction a response to send.</summary>
    TuResponse,

    /// <summary>A timer fired.</summary>
    Timer,

    /// <summary>The transport could not send something for this transaction (RFC 3261 §17.1.4, §17.2.4).</summary>
    TransportError,
}

/// <summary>One input to a state machine. A struct passed by reference, so feeding the machine allocates nothing.</summary>
internal readonly struct TransactionEvent
{
    private TransactionEvent(TransactionEventKind kind, InboundMessage? message = null, int statusCode = 0,
        ReadOnlyMemory<byte> bytes = default, TimerName timer = default, string? error = null)
    {
        Kind = kind;
        Message = message;
        StatusCode = statusCode;
        Bytes = bytes;
        Timer = timer;
        Error = error;
    }

    public TransactionEventKind Kind { get; }

    public InboundMessage? Message { get; }

    /// <summary>The status of a received response or of a response the TU sends.</summary>
    public int StatusCode { get; }

    /// <summary>The bytes of a response the TU sends.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    public TimerName Timer { get; }

    public string? Error { get; }

    public static TransactionEvent Start() => new(TransactionEventKind.Start);

    public static TransactionEvent Request(InboundMessage request) => new(TransactionEventKind.Request, request);

    public static TransactionEvent Ack(InboundMessage ack) => new(TransactionEventKind.Ack, ack);

    public static TransactionEvent Response(InboundMessage response) =>
        new(TransactionEventKind.Response, response, ((Messages.SipResponse)response.Message).StatusCode);

    public static TransactionEvent TuResponse(int statusCode, ReadOnlyMemory<byte> bytes) =>
        new(TransactionEventKind.TuResponse, statusCode: statusCode, bytes: bytes);

    public static TransactionEvent Fired(TimerName timer) => new(TransactionEventKind.Timer, timer: timer);

    public static TransactionEvent TransportError(string error) => new(TransactionEventKind.TransportError, error: error);

    public bool IsTimer(TimerName timer) => Kind == TransactionEventKind.Timer && Timer == timer;
}
