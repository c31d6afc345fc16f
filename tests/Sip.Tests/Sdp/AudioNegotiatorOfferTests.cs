using System.Net;
using Cinema.Sip.Sdp;

namespace Cinema.Sip.Tests.Sdp;

public class AudioNegotiatorOfferTests
{
    internal static readonly IPEndPoint LocalRtp = new(IPAddress.Parse("192.0.2.10"), 40000);

    internal static AudioNegotiatorOptions Options(params AudioCodec[] codecs) => new()
    {
        Codecs = codecs.Length == 0 ? [AudioCodec.Opus, AudioCodec.Pcmu, AudioCodec.Pcma, AudioCodec.TelephoneEvent] : [.. codecs],
        SessionId = 1000,
    };

    [Fact]
    public void Offer_lists_every_codec_with_static_and_preferred_payload_types()
    {
        var negotiator = new AudioNegotiator(Options());

        var offer = negotiator.CreateOffer(LocalRtp);

        Assert.Equal(
            SdpSamples.Crlf("""
                v=0
                o=- 1000 1 IN IP4 192.0.2.10
                s=-
                c=IN IP4 192.0.2.10
                t=0 0
                m=audio 40000 RTP/AVP 111 0 8 101
                a=rtpmap:111 opus/48000/2
                a=rtpmap:0 PCMU/8000
                a=rtpmap:8 PCMA/8000
                a=rtpmap:101 telephone-event/8000
                a=fmtp:101 0-16
                a=sendrecv

                """),
            SdpWriter.Write(offer));
        Assert.Same(offer, negotiator.PendingOffer);
        Assert.Same(offer, negotiator.LocalDescription);
    }

    [Fact]
    public void Offer_round_trips_through_text()
    {
        var offer = new AudioNegotiator(Options()).CreateOffer(LocalRtp);

        Assert.Equal(offer, SdpParserTests.Parse(SdpWriter.Write(offer)));
    }

    [Fact]
    public void Ipv6_local_address_gives_ip6_origin_and_connection()
    {
        var offer = new AudioNegotiator(Options()).CreateOffer(new IPEndPoint(IPAddress.Parse("2001:db8::10"), 40000));

        Assert.Equal(new SdpConnection("IN", "IP6", "2001:db8::10"), offer.Connection);
        Assert.Equal("IP6", offer.Origin.AddressType);
    }

    [Fact]
    public void Ptime_maxptime_and_rtcp_mux_options_are_advertised()
    {
        var negotiator = new AudioNegotiator(Options() with { Ptime = 20, MaxPtime = 60, RtcpMux = true });

        var audio = negotiator.CreateOffer(LocalRtp, MediaDirection.SendOnly).Media[0];

        Assert.Equal(20, audio.Ptime);
        Assert.Equal(60, audio.MaxPtime);
        Assert.True(audio.RtcpMux);
        Assert.Equal(MediaDirection.SendOnly, audio.Direction);
    }

    [Fact]
    public void Colliding_or_missing_payload_types_get_free_dynamic_numbers()
    {
        var speex = new AudioCodec("speex", 16000) { PayloadType = 96 };
        var ilbc = new AudioCodec("iLBC", 8000) { PayloadType = 96 };
        var l16 = new AudioCodec("L16", 16000);
        var pcma = new AudioCodec("PCMA", 8000);

        var audio = new AudioNegotiator(Options(speex, ilbc, l16, pcma)).CreateOffer(LocalRtp).Media[0];

        Assert.Equal(["96", "97", "98", "8"], audio.Formats);
        Assert.Equal(new SdpRtpMap(97, "iLBC", 8000), audio.GetRtpMap(97));
    }

    [Fact]
    public void Origin_sess_version_increments_on_each_new_offer_from_the_same_side()
    {
        var negotiator = new AudioNegotiator(Options());
        var peer = new AudioNegotiator(Options() with { SessionId = 2000 });

        var first = negotiator.CreateOffer(LocalRtp);
        Assert.True(negotiator.ApplyAnswer(peer.CreateAnswer(first, AudioNegotiatorAnswerTests.PeerRtp).Answer!).Succeeded);
        var second = negotiator.CreateHoldOffer(LocalRtp);
        negotiator.CancelOffer();
        var third = negotiator.CreateResumeOffer(LocalRtp);

        Assert.Equal([1UL, 2UL, 3UL], new[] { first, second, third }.Select(o => o.Origin.SessionVersion));
        Assert.All(new[] { second, third }, o => Assert.Equal(first.Origin with { SessionVersion = o.Origin.SessionVersion }, o.Origin));
    }

    [Fact]
    public void Random_session_id_is_used_when_none_is_configured()
    {
        var offer = new AudioNegotiator(new AudioNegotiatorOptions()).CreateOffer(LocalRtp);

        Assert.True(ulong.TryParse(offer.Origin.SessionId, out var id) && id > 0);
        Assert.Equal(["0", "8", "101"], offer.Media[0].Formats);
    }

    [Fact]
    public void Second_offer_while_one_is_outstanding_is_refused_until_cancelled()
    {
        var negotiator = new AudioNegotiator(Options());
        negotiator.CreateOffer(LocalRtp);

        Assert.Throws<InvalidOperationException>(() => negotiator.CreateOffer(LocalRtp));
        negotiator.CancelOffer();
        Assert.NotNull(negotiator.CreateOffer(LocalRtp));
    }

    [Fact]
    public void Unusable_local_endpoints_and_options_are_refused()
    {
        var negotiator = new AudioNegotiator(Options());

        Assert.Throws<ArgumentException>(() => negotiator.CreateOffer(new IPEndPoint(IPAddress.Any, 4000)));
        Assert.Throws<ArgumentException>(() => negotiator.CreateOffer(new IPEndPoint(IPAddress.Loopback, 0)));
        Assert.Throws<ArgumentException>(() => new AudioNegotiator(Options(AudioCodec.TelephoneEvent)));
        Assert.Throws<ArgumentException>(() => new AudioNegotiator(Options() with { Protocols = [] }));
    }

    [Fact]
    public void Re_offer_keeps_payload_types_agreed_earlier_in_the_session()
    {
        // The peer offered opus as 96; RFC 3264 §8.3.2 says our later offer must not remap it.
        var negotiator = new AudioNegotiator(Options());
        var peerOffer = SdpParserTests.Parse(SdpSamples.BaresipIpv6);
        Assert.True(negotiator.CreateAnswer(peerOffer, LocalRtp).Succeeded);

        var reOffer = negotiator.CreateOffer(LocalRtp);

        Assert.Equal(["96", "0", "8", "101"], reOffer.Media[0].Formats);
        Assert.Equal(new SdpRtpMap(96, "opus", 48000, 2), reOffer.Media[0].GetRtpMap(96));
    }

    [Fact]
    public void Re_offer_keeps_every_earlier_media_line_with_the_others_still_rejected()
    {
        var negotiator = new AudioNegotiator(Options());
        var videoFirst = SdpParserTests.Parse(SdpSamples.Crlf("""
            v=0
            o=- 5 5 IN IP4 192.0.2.99
            s=-
            c=IN IP4 192.0.2.99
            t=0 0
            m=video 5000 RTP/AVP 96
            a=rtpmap:96 VP8/90000
            m=audio 5002 RTP/AVP 0
            """));
        Assert.True(negotiator.CreateAnswer(videoFirst, LocalRtp).Succeeded);

        var reOffer = negotiator.CreateHoldOffer(LocalRtp);

        Assert.Equal(["video", "audio"], reOffer.Media.Select(m => m.Media));
        Assert.Equal(0, reOffer.Media[0].Port);
        Assert.Equal(MediaDirection.SendOnly, reOffer.Media[1].Direction);
    }
}
