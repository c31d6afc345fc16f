using System.Text;

namespace Cinema.Sip.Messages;

/// <summary>Builds a request to send, from scratch or from a received request (a proxy's copy, RFC 3261 §16.6 step 1).</summary>
public sealed class SipRequestBuilder : SipMessageBuilder<SipRequestBuilder>
{
    private byte[]? _startLine;

    public SipRequestBuilder(string method, SipUri requestUri)
    {
        Method = method;
        RequestUri = requestUri;
    }

    public string Method { get; }

    public SipUri RequestUri { get; private set; }

    public static SipRequestBuilder From(SipRequest request)
    {
        var b = new SipRequestBuilder(request.Method, request.RequestUri);
        b.CopyFrom(request);
        return b;
    }

    public SipRequestBuilder WithRequestUri(SipUri uri)
    {
        RequestUri = uri;
        _startLine = null;
        return this;
    }

    public SipRequest Build() => (SipRequest)BuildMessage();

    private byte[] StartLine => _startLine ??= Encoding.UTF8.GetBytes(Method + " " + RequestUri + " " + SipVersion.Sip20);

    private protected override int StartLineLength() => StartLine.Length;

    private protected override void WriteStartLine(Span<byte> destination) => StartLine.CopyTo(destination);
}
