using Cinema.Sip.Messages;

namespace Cinema.Sip.Parsing;

/// <summary>What the start line said the message is, known even when the rest is malformed.</summary>
public enum MessageKind : byte
{
    Unknown = 0,
    Request,
    Response,
}

/// <summary>
/// The outcome of parsing: a message, or an error with the status a server should answer (requests only; a
/// malformed response is dropped, RFC 3261 §18.1.2).
/// </summary>
public readonly struct ParseResult
{
    private readonly HeaderSlot[]? _slots;

    private ParseResult(SipMessage? message, ParseError? error, MessageKind kind, int length, ReadOnlyMemory<byte> buffer, HeaderSlot[]? slots)
    {
        Message = message;
        Error = error;
        Kind = kind;
        Length = length;
        Buffer = buffer;
        _slots = slots;
    }

    internal static ParseResult Ok(SipMessage message, int length) =>
        new(message, null, message.IsRequest ? MessageKind.Request : MessageKind.Response, length, message.Buffer, null);

    internal static ParseResult Fail(ParseError error, MessageKind kind, ReadOnlyMemory<byte> buffer, HeaderSlot[]? slots) =>
        new(null, error, kind, buffer.Length, buffer, slots);

    public SipMessage? Message { get; }

    public ParseError? Error { get; }

    public MessageKind Kind { get; }

    /// <summary>How many bytes of the input the message used (a datagram may carry trailing octets, RFC 4475 §3.1.1.8).</summary>
    public int Length { get; }

    /// <summary>The message bytes (for a failure: the input as far as it was read).</summary>
    public ReadOnlyMemory<byte> Buffer { get; }

    public bool Success => Message is not null;

    public SipRequest? Request => Message as SipRequest;

    public SipResponse? Response => Message as SipResponse;

    /// <summary>Header lines found before the failure, for answering a malformed request.</summary>
    internal ReadOnlySpan<HeaderSlot> RawSlots => _slots;

    internal HeaderSlot[]? SlotArray => _slots;

    public override string ToString() => Success ? $"{Kind} {Message!.CSeq}" : $"{Kind}: {Error}";
}
