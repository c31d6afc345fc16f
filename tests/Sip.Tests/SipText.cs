using System.Text;
using Cinema.Sip.Messages;
using Cinema.Sip.Parsing;

namespace Cinema.Sip.Tests;

/// <summary>Test messages written with \n line ends, turned into CRLF bytes.</summary>
internal static class SipText
{
    public const string Invite = """
        INVITE sip:bob@biloxi.example.com SIP/2.0
        Via: SIP/2.0/UDP client.atlanta.example.com:5060;branch=z9hG4bK74bf9
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

        """;

    public const string Register = """
        REGISTER sip:registrar.biloxi.example.com SIP/2.0
        Via: SIP/2.0/UDP bobspc.biloxi.example.com:5060;branch=z9hG4bKnashds7
        Max-Forwards: 70
        To: Bob <sip:bob@biloxi.example.com>
        From: Bob <sip:bob@biloxi.example.com>;tag=456248
        Call-ID: 843817637684230@998sdasdh09
        CSeq: 1826 REGISTER
        Contact: <sip:bob@192.0.2.4>
        Expires: 7200
        Content-Length: 0


        """;

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal));

    public static ParseResult Parse(string text, ParserLimits? limits = null) => SipParser.Parse(Bytes(text), limits);

    public static SipRequest Request(string text)
    {
        var r = Parse(text);
        Assert.True(r.Success, r.Error?.ToString());
        return Assert.IsType<SipRequest>(r.Message);
    }

    public static SipResponse Response(string text)
    {
        var r = Parse(text);
        Assert.True(r.Success, r.Error?.ToString());
        return Assert.IsType<SipResponse>(r.Message);
    }
}
