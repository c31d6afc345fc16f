using System.Globalization;
using System.Text;
using Cinema.Sip.Messages;
using Cinema.Sip.Parsing;

namespace Cinema.Sip.Tests.Transactions;

/// <summary>Requests and responses as a peer would send them, written out as text and parsed.</summary>
internal static class TestMessages
{
    public const string CallId = "a84b4c76e66710@pc33.example.com";

    /// <summary>A request with the headers §8.1.1 requires; every part that matters to matching can be varied.</summary>
    public static SipRequest Request(
        string method,
        string branch = "z9hG4bK776asdhds",
        string sentBy = "pc33.example.com",
        string transport = "UDP",
        uint cseq = 314159,
        string? cseqMethod = null,
        string callId = CallId,
        string fromTag = "1928301774",
        string? toTag = null,
        string requestUri = "sip:bob@example.com",
        string[]? routes = null,
        string? body = null)
    {
        var text = new StringBuilder();
        text.Append(method).Append(' ').Append(requestUri).Append(" SIP/2.0\r\n");
        text.Append("Via: SIP/2.0/").Append(transport).Append(' ').Append(sentBy);
        if (branch.Length > 0) text.Append(";branch=").Append(branch);
        text.Append("\r\n");
        text.Append("Via: SIP/2.0/UDP upstream.example.net;branch=z9hG4bKupstream1\r\n");
        text.Append("Max-Forwards: 70\r\n");
        foreach (var route in routes ?? []) text.Append("Route: ").Append(route).Append("\r\n");
        text.Append("To: Bob <sip:bob@example.com>");
        if (toTag is not null) text.Append(";tag=").Append(toTag);
        text.Append("\r\n");
        text.Append("From: Alice <sip:alice@example.com>;tag=").Append(fromTag).Append("\r\n");
        text.Append("Call-ID: ").Append(callId).Append("\r\n");
        text.Append("CSeq: ").Append(cseq.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(cseqMethod ?? method).Append("\r\n");
        text.Append("Contact: <sip:alice@pc33.example.com>\r\n");
        if (body is not null) text.Append("Content-Type: application/sdp\r\n");
        text.Append("Content-Length: ").Append(Encoding.UTF8.GetByteCount(body ?? "").ToString(CultureInfo.InvariantCulture)).Append("\r\n\r\n");
        text.Append(body);
        return (SipRequest)Parse(text.ToString());
    }

    public static SipRequest Invite(string branch = "z9hG4bK776asdhds", string transport = "UDP", string[]? routes = null) =>
        Request("INVITE", branch, transport: transport, routes: routes, body: "v=0\r\n");

    /// <summary>The response a UAS would send: headers copied from the request, To tag added (not on 100).</summary>
    public static SipResponse Response(SipRequest request, int status, string toTag = "a6c85cf")
    {
        var builder = SipResponseBuilder.For(request, status);
        if (status != 100) builder.WithToTag(toTag);
        return builder.Build();
    }

    public static SipMessage Parse(string text)
    {
        var result = SipParser.Parse(Encoding.UTF8.GetBytes(text));
        return result.Message ?? throw new InvalidOperationException("Test message does not parse: " + result.Error);
    }
}
