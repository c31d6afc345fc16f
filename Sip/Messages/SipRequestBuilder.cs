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

    private byte[] StartLine => _startLine ??= MakeStartLine();

    /// <summary>
    /// Method SP Request-URI SP SIP-Version (§7.1), written straight into one array: the received Request-URI's bytes
    /// when it is unchanged, else the new one's text.
    /// </summary>
    private byte[] MakeStartLine()
    {
        ReadOnlySpan<byte> version = " SIP/2.0"u8;
        var received = _requestUri is null && _source is not null;
        var raw = received ? _source!.RawRequestUri.Span : default;
        var uri = received ? null : RequestUri.ToString();
        var uriLength = uri is null ? raw.Length : Encoding.UTF8.GetByteCount(uri);
        var line = new byte[Encoding.UTF8.GetByteCount(Method) + 1 + uriLength + version.Length];
        var pos = Encoding.UTF8.GetBytes(Method, line);
        line[pos++] = (byte)' ';
        if (uri is null) raw.CopyTo(line.AsSpan(pos));
        else Encoding.UTF8.GetBytes(uri, line.AsSpan(pos));
        version.CopyTo(line.AsSpan(pos + uriLength));
        return line;
    }

    private protected override int StartLineLength() => StartLine.Length;

    private protected override void WriteStartLine(Span<byte> destination) => StartLine.CopyTo(destination);
}
