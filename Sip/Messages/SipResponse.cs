namespace Cinema.Sip.Messages;

/// <summary>A SIP response (RFC 3261 §7.2).</summary>
public sealed class SipResponse : SipMessage
{
    internal SipResponse(ReadOnlyMemory<byte> buffer, int statusCode, string reasonPhrase, HeaderSlot[] slots, in MessageFacts facts)
        : base(buffer, slots, facts)
    {
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
    }

    public override bool IsRequest => false;

    public int StatusCode { get; }

    public string ReasonPhrase { get; }

    public bool IsProvisional => StatusCode < 200;

    public bool IsSuccess => StatusCode is >= 200 and < 300;

    public bool IsFinal => StatusCode >= 200;

    public SipResponseBuilder ToBuilder() => SipResponseBuilder.From(this);
}
