using Cinema.Sip.Messages.Syntax;

namespace Cinema.Sip.Messages;

/// <summary>A SIP request (RFC 3261 §7.1).</summary>
public sealed class SipRequest : SipMessage
{
    private readonly Range _uri;
    private SipUri? _requestUri;

    internal SipRequest(ReadOnlyMemory<byte> buffer, string method, Range uri, HeaderSlot[] slots, in MessageFacts facts)
        : base(buffer, slots, facts)
    {
        Method = method;
        _uri = uri;
    }

    public override bool IsRequest => true;

    /// <summary>The method, case-sensitive ("INVITE"; an extension method as received).</summary>
    public string Method { get; }

    internal override void ForgetDecoded()
    {
        base.ForgetDecoded();
        _requestUri = null;
    }

    public SipUri RequestUri
    {
        get
        {
            if (_requestUri is { } u) return u;
            UriSyntax.TryParse(Buffer.Span[_uri], build: true, out var parsed, out _);
            return _requestUri = parsed!;
        }
    }

    /// <summary>The Request-URI bytes as received.</summary>
    public ReadOnlyMemory<byte> RawRequestUri => Buffer[_uri];

    public SipRequestBuilder ToBuilder() => SipRequestBuilder.From(this);
}
