using System.Globalization;
using System.Text;

namespace Cinema.Sip.Messages;

/// <summary>Builds a response, usually to a request (RFC 3261 §8.2.6).</summary>
public sealed class SipResponseBuilder : SipMessageBuilder<SipResponseBuilder>
{
    public SipResponseBuilder(int statusCode, string? reasonPhrase = null)
    {
        if (statusCode is < 100 or > 699) throw new ArgumentOutOfRangeException(nameof(statusCode));
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase ?? SipStatus.ReasonPhrase(statusCode);
    }

    public int StatusCode { get; }

    public string ReasonPhrase { get; }

    /// <summary>
    /// A response to <paramref name="request"/>: Via, From, To, Call-ID and CSeq copied as received (RFC 3261
    /// §8.2.6.2), Timestamp echoed on 100 Trying (§8.2.6.1). Add a To tag with <see cref="WithToTag"/>.
    /// </summary>
    public static SipResponseBuilder For(SipRequest request, int statusCode, string? reasonPhrase = null)
    {
        var b = new SipResponseBuilder(statusCode, reasonPhrase);
        // The five copied kinds, and room for a To tag, Contact, Record-Route and a few more.
        b.EnsureHeaderCapacity(8);
        b.CopyHeaders(request, HeaderKind.Via);
        b.CopyHeaders(request, HeaderKind.From);
        b.CopyHeaders(request, HeaderKind.To);
        b.CopyHeaders(request, HeaderKind.CallId);
        b.CopyHeaders(request, HeaderKind.CSeq);
        if (statusCode == 100) b.CopyHeaders(request, HeaderKind.Timestamp);
        b._request = request;
        return b;
    }

    public static SipResponseBuilder From(SipResponse response)
    {
        var b = new SipResponseBuilder(response.StatusCode, response.ReasonPhrase);
        b.CopyFrom(response);
        return b;
    }

    private SipRequest? _request;

    /// <summary>
    /// Stamps the top Via with where the request really came from: received= when the sent-by host is not that
    /// address (RFC 3261 §18.2.1), and the source port in an empty rport (RFC 3581 §4), so the response and the
    /// client both see the NAT mapping.
    /// </summary>
    public SipResponseBuilder WithReceivedFrom(System.Net.IPEndPoint source)
    {
        if (_request is null) throw new InvalidOperationException("WithReceivedFrom needs a response made with For(request).");
        var via = _request.TopVia;
        var stamped = via;
        var host = via.Host.Length > 1 && via.Host[0] == '[' ? via.Host[1..^1] : via.Host;
        var address = source.Address.IsIPv4MappedToIPv6 ? source.Address.MapToIPv4() : source.Address;
        if (!System.Net.IPAddress.TryParse(host, out var sentBy) || !sentBy.Equals(address))
            stamped = stamped.WithParameter("received", address.ToString());
        if (via.HasRPort && via.RPort is null)
            stamped = stamped.WithParameter("rport", source.Port.ToString(CultureInfo.InvariantCulture));
        if (!ReferenceEquals(stamped, via)) RemoveFirstValue(HeaderKind.Via).PrependHeader(HeaderKind.Via, stamped.ToString());
        return this;
    }

    /// <summary>Sets the To tag unless the request already had one (RFC 3261 §8.2.6.2).</summary>
    public SipResponseBuilder WithToTag(string tag)
    {
        if (_request is null) throw new InvalidOperationException("WithToTag needs a response made with For(request).");
        if (_request.To.Tag is null) To(_request.To.WithTag(tag));
        return this;
    }

    /// <summary>Copies Record-Route from the request, for a UAS answering a dialog-creating request (RFC 3261 §12.1.1).</summary>
    public SipResponseBuilder WithRecordRouteFromRequest()
    {
        if (_request is null) throw new InvalidOperationException("WithRecordRouteFromRequest needs a response made with For(request).");
        CopyHeaders(_request, HeaderKind.RecordRoute);
        return this;
    }

    public SipResponse Build() => (SipResponse)BuildMessage();

    private byte[]? _startLine;

    // Start lines with the usual reason phrase, made once per status code and shared (they are only ever copied out).
    private static readonly byte[]?[] UsualStartLines = new byte[700][];

    private byte[] StartLine => _startLine ??= string.Equals(ReasonPhrase, SipStatus.ReasonPhrase(StatusCode), StringComparison.Ordinal)
        ? UsualStartLines[StatusCode] ??= MakeStartLine(StatusCode, ReasonPhrase)
        : MakeStartLine(StatusCode, ReasonPhrase);

    private static byte[] MakeStartLine(int statusCode, string reasonPhrase) =>
        Encoding.UTF8.GetBytes(SipVersion.Sip20 + " " + statusCode.ToString(CultureInfo.InvariantCulture) + " " + reasonPhrase);

    private protected override int StartLineLength() => StartLine.Length;

    private protected override void WriteStartLine(Span<byte> destination) => StartLine.CopyTo(destination);
}
