namespace Cinema.Sip.Tests.Sdp;

// Realistic bodies in the shape that common SIP phones and PBXes send. Source files use LF line
// ends, so Crlf() turns them into what goes on the wire.
internal static class SdpSamples
{
    public static string Crlf(string text) => text.ReplaceLineEndings("\r\n");

    public static readonly string Asterisk = Crlf("""
        v=0
        o=- 1739385730 1739385730 IN IP4 203.0.113.10
        s=Asterisk
        c=IN IP4 203.0.113.10
        t=0 0
        m=audio 17082 RTP/AVP 0 8 9 101
        a=rtpmap:0 PCMU/8000
        a=rtpmap:8 PCMA/8000
        a=rtpmap:9 G722/8000
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-16
        a=ptime:20
        a=maxptime:150
        a=sendrecv

        """);

    public static readonly string FreeSwitch = Crlf("""
        v=0
        o=FreeSWITCH 1700000000 1700000001 IN IP4 198.51.100.7
        s=FreeSWITCH
        c=IN IP4 198.51.100.7
        t=0 0
        m=audio 24680 RTP/AVP 102 0 8 101 13
        a=rtpmap:102 opus/48000/2
        a=fmtp:102 useinbandfec=1; maxaveragebitrate=30000; maxplaybackrate=48000; ptime=20; minptime=10; maxptime=40
        a=rtpmap:0 PCMU/8000
        a=rtpmap:8 PCMA/8000
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-16
        a=rtpmap:13 CN/8000
        a=ptime:20
        a=sendrecv
        a=rtcp:24681 IN IP4 198.51.100.7

        """);

    public static readonly string Linphone = Crlf("""
        v=0
        o=alice 3456 789 IN IP4 192.0.2.33
        s=Talk
        c=IN IP4 192.0.2.33
        t=0 0
        a=rtcp-xr:rcvr-rtt=all:10000 stat-summary=loss,dup,jitt,TTL voip-metrics
        a=record:off
        m=audio 7078 RTP/AVP 96 97 98 0 8 101 99 100
        a=rtpmap:96 opus/48000/2
        a=fmtp:96 useinbandfec=1
        a=rtpmap:97 speex/16000
        a=fmtp:97 vbr=on
        a=rtpmap:98 speex/8000
        a=fmtp:98 vbr=on
        a=rtpmap:101 telephone-event/48000
        a=rtpmap:99 telephone-event/16000
        a=rtpmap:100 telephone-event/8000
        a=rtcp-fb:* trr-int 1000
        a=rtcp-fb:* ccm tmmbr
        m=video 9078 RTP/AVP 96 97
        a=rtpmap:96 VP8/90000
        a=rtpmap:97 H264/90000
        a=fmtp:97 profile-level-id=42801F
        a=rtcp-fb:* trr-int 1000
        a=rtcp-fb:* ccm tmmbr
        a=rtcp-fb:96 nack pli

        """);

    public static readonly string BaresipIpv6 = Crlf("""
        v=0
        o=- 1043394786 2078422185 IN IP6 2001:db8::10
        s=-
        c=IN IP6 2001:db8::10
        t=0 0
        a=tool:baresip 3.10.0
        m=audio 10318 RTP/AVP 96 0 8 101
        b=AS:107
        a=rtpmap:96 opus/48000/2
        a=fmtp:96 stereo=1;sprop-stereo=1
        a=rtpmap:0 PCMU/8000
        a=rtpmap:8 PCMA/8000
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-15
        a=rtcp-mux
        a=sendrecv
        a=label:1
        a=ssrc:2947283647 cname:a1b2c3d4-e5f6
        a=ptime:20

        """);

    // Every line type of RFC 8866 §5 in its prescribed order, multicast addresses included.
    public static readonly string AllFields = Crlf("""
        v=0
        o=jdoe 3724394400 3724394405 IN IP4 198.51.100.1
        s=Seminar on session description
        i=A seminar about SDP
        u=http://www.example.com/seminars/sdp.pdf
        e=j.doe@example.com (Jane Doe)
        e=Jane Doe <jane@jdoe.example.com>
        p=+1 617 555-6011
        c=IN IP4 233.252.0.1/127/3
        b=CT:128
        t=2873397496 2873404696
        r=604800 3600 0 90000
        r=7d 1h 0 25h
        t=0 0
        z=2882844526 -1h 2898848070 0
        k=prompt
        a=recvonly
        a=charset:UTF-8
        m=audio 49170 RTP/AVP 0
        i=Audio channel
        b=AS:64
        a=ptime:30
        m=video 51372/2 RTP/AVP 99
        c=IN IP6 ff15::101/3
        c=IN IP6 ff15::201/2
        k=clear:secret
        a=rtpmap:99 h263-1998/90000
        a=orient:portrait

        """);

    // RFC 5118 style: an IPv6 endpoint with only a media-level connection.
    public static readonly string Ipv6MediaLevelConnection = Crlf("""
        v=0
        o=bob 2890844730 2890844730 IN IP6 2001:db8::10
        s=-
        t=0 0
        m=audio 49172 RTP/AVP 0
        c=IN IP6 2001:db8::10
        a=rtpmap:0 PCMU/8000

        """);

    public static readonly string[] All = [Asterisk, FreeSwitch, Linphone, BaresipIpv6, AllFields, Ipv6MediaLevelConnection];
}
