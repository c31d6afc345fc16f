using Cinema.Tests.Corpus;

namespace Cinema.Sip.Tests.Fuzz;

/// <summary>
/// Valid messages that mutation fuzzing starts from: the shared test texts, a few realistic messages of the
/// kinds a registrar and a proxy handle, and the RFC torture corpus when it is available.
/// </summary>
internal static class FuzzSeeds
{
    /// <summary>RFC 3665 §2.1 F3-style: a REGISTER answering a digest challenge.</summary>
    public const string RegisterWithAuth = """
        REGISTER sips:ss2.biloxi.example.com SIP/2.0
        Via: SIP/2.0/TLS client.biloxi.example.com:5061;branch=z9hG4bKnashd92;rport
        Max-Forwards: 70
        From: Bob <sips:bob@biloxi.example.com>;tag=ja743ks76zlflH
        To: Bob <sips:bob@biloxi.example.com>
        Call-ID: 1j9FpLxk3uxtm8tn@biloxi.example.com
        CSeq: 2 REGISTER
        Contact: <sips:bob@client.biloxi.example.com>;expires=3600;+sip.instance="<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>";reg-id=1
        Authorization: Digest username="bob", realm="atlanta.example.com",
         nonce="ea9c8e88df84f1cec4341ae6cbe5a359", opaque="",
         uri="sips:ss2.biloxi.example.com", response="dfe56131d1958046689d83306477ecc", algorithm=MD5, qop=auth, nc=00000001, cnonce="0a4f113b"
        Supported: path, outbound, gruu
        Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, NOTIFY, REFER
        Expires: 3600
        User-Agent: Cinema fuzz seed/1.0
        Content-Length: 0


        """;

    /// <summary>An INVITE relayed through two proxies: Record-Route, Route, two Vias, SDP.</summary>
    public const string InviteWithRecordRoute = """
        INVITE sip:bob@client.biloxi.example.com SIP/2.0
        Via: SIP/2.0/TCP ss2.biloxi.example.com:5060;branch=z9hG4bK721e4.1
        Via: SIP/2.0/TCP ss1.atlanta.example.com:5060;branch=z9hG4bK2d4790.1;received=192.0.2.111, SIP/2.0/TCP [2001:db8::9]:5060;branch=z9hG4bK74bf9;received=2001:db8::9;rport=5060
        Max-Forwards: 68
        Record-Route: <sip:ss2.biloxi.example.com;lr>,
          <sip:ss1.atlanta.example.com;lr>
        Route: <sip:edge.example.com;lr;transport=tcp>
        From: "Alice \"A\" Liddell" <sip:alice@atlanta.example.com>;tag=9fxced76sl
        To: Bob <sip:bob@biloxi.example.com>
        Call-ID: 3848276298220188511@atlanta.example.com
        CSeq: 2 INVITE
        Contact: <sip:alice@client.atlanta.example.com;transport=tcp>
        Require: 100rel
        Session-Expires: 1800;refresher=uac
        Accept: application/sdp, multipart/mixed;boundary=x
        Date: Sat, 13 Nov 2010 23:29:00 GMT
        Subject: lunch?
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

    /// <summary>A 200 OK to an INVITE with Contact, Record-Route and the callee's tag.</summary>
    public const string OkWithContact = """
        SIP/2.0 200 OK
        Via: SIP/2.0/UDP client.atlanta.example.com:5060;branch=z9hG4bK74bf9;received=192.0.2.101
        Record-Route: <sip:ss1.atlanta.example.com;lr>
        From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl
        To: Bob <sip:bob@biloxi.example.com>;tag=8321234356
        Call-ID: 3848276298220188511@atlanta.example.com
        CSeq: 1 INVITE
        Contact: <sip:bob@client.biloxi.example.com;transport=udp>;expires=60;q=0.7, "Bob mobile" <tel:+1-212-555-0101;phone-context=example.com>
        Allow: INVITE, ACK, BYE
        Server: Cinema/0.1
        Content-Length: 0


        """;

    /// <summary>An RFC 6665 NOTIFY with an event package, state, and a body.</summary>
    public const string Notify = """
        NOTIFY sip:alice@client.atlanta.example.com SIP/2.0
        v: SIP/2.0/UDP server.example.com;branch=z9hG4bK4sd7f
        Max-Forwards: 70
        f: <sip:bob@example.com>;tag=ffd2
        t: <sip:alice@example.com>;tag=xfg9
        i: 2010@server.example.com
        CSeq: 7 NOTIFY
        m: <sip:server.example.com>
        o: presence;id=3
        Subscription-State: active;expires=599
        Allow-Events: presence, dialog
        Reason: SIP;cause=200;text="Call completed elsewhere"
        Retry-After: 120 (back soon);duration=60
        c: application/pidf+xml
        l: 11

        <presence/>
        """;

    /// <summary>A 401 with two challenges and Authentication-Info.</summary>
    public const string Unauthorized = """
        SIP/2.0 401 Unauthorized
        Via: SIP/2.0/TCP bobspc.biloxi.example.com:5060;branch=z9hG4bKnashds7
        From: Bob <sip:bob@biloxi.example.com>;tag=456248
        To: Bob <sip:bob@biloxi.example.com>;tag=2493k59kd
        Call-ID: 843817637684230@998sdasdh09
        CSeq: 1826 REGISTER
        WWW-Authenticate: Digest realm="atlanta.example.com", qop="auth", nonce="ea9c8e88df84f1cec4341ae6cbe5a359", opaque="", stale=FALSE, algorithm=SHA-256
        Proxy-Authenticate: Digest realm="x", nonce="y"
        Min-Expires: 60
        Unsupported: foo
        Content-Length: 0


        """;

    /// <summary>The messages above and the shared test texts: all valid.</summary>
    public static IReadOnlyList<byte[]> Valid { get; } =
    [
        SipText.Bytes(SipText.Invite),
        SipText.Bytes(SipText.Register),
        SipText.Bytes(RegisterWithAuth),
        SipText.Bytes(InviteWithRecordRoute),
        SipText.Bytes(OkWithContact),
        SipText.Bytes(Notify),
        SipText.Bytes(Unauthorized),
    ];

    /// <summary>The valid messages, then the torture corpus when present.</summary>
    public static IReadOnlyList<byte[]> All { get; } = Load();

    private static byte[][] Load()
    {
        var seeds = new List<byte[]>(Valid);
        // The torture messages are valid and invalid on purpose; mutating either reaches odd corners.
        if (TortureCorpus.Directory is not null)
        {
            foreach (var set in (string[])["rfc4475", "rfc5118"])
            {
                foreach (var file in TortureCorpus.Files(set).Order(StringComparer.Ordinal))
                {
                    seeds.Add(File.ReadAllBytes(Path.Combine(TortureCorpus.Directory, set, file)));
                }
            }
        }
        return [.. seeds];
    }
}
