using System.Text;

namespace Cinema.Sip.Messages;

/// <summary>Builds a request to send, from scratch or from a received request (a proxy's copy, RFC 3261 §16.6 step 1).</summary>
public sealed class SipRequestBuilder : SipMessageBuilder<SipRequestBuilder>
{
    private byte[]? _startLine;
    private SipUri? _requestUri;

    // A copy of a received request keeps its Request-URI bytes until it is changed, so a proxy that only
    // loose-routes (RFC 3261 §16.4) neither decodes nor re-encodes it.
    private readonly SipRequest? _source;

    public SipRequestBuilder(string method, SipUri requestUri)
    {
        Method = method;
        _requestUri = requestUri;
    }

    private SipRequestBuilder(SipRequest source)
    {
        Method = source.Method;
        _source = source;
    }

    public string Method { get; }

    public SipUri RequestUri => _requestUri ??= _source!.RequestUri;

    public static SipRequestBuilder From(SipRequest request)
    {
        var b = new SipRequestBuilder(request);
        b.CopyFrom(request);
        return b;
    }

    public SipRequestBuilder WithRequestUri(SipUri uri)
    {
        _requestUri = uri;
        _startLine = null;
        return this;
    }

    public SipRequest Build() => (SipRequest)BuildMessage();

    private byte[] StartLine => _startLine ??= _requestUri is null && _source is not null
        ? [.. Encoding.UTF8.GetBytes(Method), (byte)' ', .. _source.RawRequestUri.Span, .. " SIP/2.0"u8]
        : Encoding.UTF8.GetBytes(Method + " " + RequestUri + " " + SipVersion.Sip20);

    private protected override int StartLineLength() => StartLine.Length;

    private protected override void WriteStartLine(Span<byte> destination) => StartLine.CopyTo(destination);
}
