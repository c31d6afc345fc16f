using System.Text;

namespace Cinema.Benchmarks;

/// <summary>
/// Messages shaped like the RFC 3665 call flows: what a registrar and a proxy see most often. Written with \n
/// line ends and sent as CRLF bytes.
/// </summary>
internal static class SampleMessages
{
    /// <summary>RFC 3665 §3.2 message F1: an INVITE with an SDP offer (about 600 bytes).</summary>
    public static readonly byte[] Invite = Bytes("""
        INVITE sip:bob@biloxi.example.com SIP/2.0
        Via: SIP/2.0/TCP client.atlanta.example.com:5060;branch=z9hG4bK74bf9
        Max-Forwards: 70
        From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl
        To: Bob <sip:bob@biloxi.example.com>
        Call-ID: 3848276298220188511@atlanta.example.com
        CSeq: 1 INVITE
        Contact: <sip:alice@client.atlanta.example.com;transport=tcp>
        Content-Type: application/sdp
        Content-Length: 151

        v=0
        o=alice 2890844526 2890844526 IN IP4 client.atlanta.example.com
        s=-
        c=IN IP4 192.0.2.101
        t=0 0
        m=audio 49172 RTP/AVP 0
        a=rtpmap:0 PCMU/8000

        """);

    /// <summary>The same INVITE as a proxy receives it, with a preloaded Route to that proxy (RFC 3261 §16.4).</summary>
    public static readonly byte[] InviteWithRoute = Bytes(Encoding.ASCII.GetString(Invite)
        .Replace("Max-Forwards: 70\r\n", "Max-Forwards: 70\r\nRoute: <sip:ss1.atlanta.example.com;lr>\r\n", StringComparison.Ordinal));

    /// <summary>RFC 3665 §2.1 message F1: a REGISTER of one contact.</summary>
    public static readonly byte[] Register = Bytes("""
        REGISTER sip:registrar.biloxi.example.com SIP/2.0
        Via: SIP/2.0/TCP bobspc.biloxi.example.com:5060;branch=z9hG4bKnashds7
        Max-Forwards: 70
        From: Bob <sip:bob@biloxi.example.com>;tag=456248
        To: Bob <sip:bob@biloxi.example.com>
        Call-ID: 843817637684230@998sdasdh09
        CSeq: 1826 REGISTER
        Contact: <sip:bob@192.0.2.4>
        Expires: 7200
        Content-Length: 0


        """);

    private static byte[] Bytes(string text) =>
        Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal));
}
