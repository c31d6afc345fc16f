using System.Net;
using Cinema.Sip.Sdp;

namespace Cinema.Sip.Tests.Sdp;

public class AudioNegotiatorAnswerTests
{
    internal static readonly IPEndPoint PeerRtp = new(IPAddress.Parse("198.51.100.20"), 30000);
    private static readonly IPEndPoint LocalRtp = AudioNegotiatorOfferTests.LocalRtp;

    private static AudioNegotiationResult Answer(string offer, AudioNegotiatorOptions? options = null, MediaDirection? direction = null)
        => new AudioNegotiator(options ?? AudioNegotiatorOfferTests.Options()).CreateAnswer(SdpParserTests.Parse(offer), LocalRtp, direction);

    private static string Offer(string media, string session = "c=IN IP4 198.51.100.20\n")
        => SdpSamples.Crlf("v=0\no=- 7 7 IN IP4 198.51.100.20\ns=-\n" + session + "t=0 0\n" + media);

    [Fact]
    public void Answer_keeps_common_codecs_in_offer_order_with_the_offers_payload_types()
    {
        var result = Answer(SdpSamples.FreeSwitch, AudioNegotiatorOfferTests.Options(AudioCodec.Pcmu, AudioCodec.Pcma, AudioCodec.Opus, AudioCodec.TelephoneEvent));

        Assert.True(result.Succeeded, result.FailureReason);
        var audio = Assert.Single(result.Answer!.Media);
        Assert.Equal(["102", "0", "8", "101"], audio.Formats);
        Assert.Equal(new SdpRtpMap(102, "opus", 48000, 2), audio.GetRtpMap(102));
        Assert.Equal(new SdpFmtp(101, "0-16"), audio.GetFmtp(101));
        Assert.Equal(40000, audio.Port);
        Assert.Equal("RTP/AVP", audio.Protocol);
        Assert.Equal(new NegotiatedCodec(102, AudioCodec.Opus) { RemoteFmtp = "useinbandfec=1; maxaveragebitrate=30000; maxplaybackrate=48000; ptime=20; minptime=10; maxptime=40" }, result.Audio.Codec);
        Assert.Equal([102, 0, 8], result.Audio.Codecs.Select(c => c.PayloadType));
        Assert.Equal(101, result.Audio.TelephoneEvent!.PayloadType);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("198.51.100.7"), 24680), result.Audio.RemoteEndPoint);
        Assert.Equal(24681, result.Audio.RemoteRtcpPort);
        Assert.Equal(MediaDirection.SendRecv, result.Audio.Direction);
        Assert.False(result.Audio.IsRemoteHold);
        Assert.Null(result.StatusCode);
    }

    [Fact]
    public void Answer_is_complete_text_that_parses_back_equal()
    {
        var result = Answer(SdpSamples.Asterisk);

        Assert.Equal(
            SdpSamples.Crlf("""
                v=0
                o=- 1000 1 IN IP4 192.0.2.10
                s=-
                c=IN IP4 192.0.2.10
                t=0 0
                m=audio 40000 RTP/AVP 0 8 101
                a=rtpmap:0 PCMU/8000
                a=rtpmap:8 PCMA/8000
                a=rtpmap:101 telephone-event/8000
                a=fmtp:101 0-16
                a=ptime:20
                a=sendrecv

                """),
            SdpWriter.Write(result.Answer!));
        Assert.Equal(result.Answer, SdpParserTests.Parse(SdpWriter.Write(result.Answer!)));
    }

    [Fact]
    public void Static_payload_types_without_rtpmap_are_recognised_and_unmapped_dynamic_ones_ignored()
    {
        var result = Answer(Offer("m=audio 4000 RTP/AVP 96 8 0\n"));

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(["8", "0"], result.Answer!.Media[0].Formats);
        Assert.Equal(8, result.Audio.Codec.PayloadType);
    }

    [Fact]
    public void Dynamic_codec_is_matched_by_name_clock_and_channels_not_by_number()
    {
        var result = Answer(Offer("m=audio 4000 RTP/AVP 120 121 122\na=rtpmap:120 OPUS/48000\na=rtpmap:121 opus/48000/2\na=rtpmap:122 telephone-event/8000\n"));

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(["121", "122"], result.Answer!.Media[0].Formats);
        Assert.Equal(new NegotiatedCodec(121, AudioCodec.Opus), result.Audio.Codec);
        Assert.Equal(new SdpRtpMap(122, "telephone-event", 8000), result.Answer.Media[0].GetRtpMap(122));
    }

    [Fact]
    public void Offer_with_only_unsupported_codecs_is_rejected_with_488()
    {
        var result = Answer(Offer("m=audio 4000 RTP/AVP 18 3 101\na=rtpmap:101 telephone-event/8000\n"));

        Assert.False(result.Succeeded);
        Assert.Equal(488, result.StatusCode);
        Assert.Null(result.Answer);
        Assert.Contains("no common codec on audio stream 1", result.FailureReason, StringComparison.Ordinal);
        Assert.Contains("offered G729/8000, GSM/8000, telephone-event/8000", result.FailureReason, StringComparison.Ordinal);
        Assert.Contains("supported opus/48000/2, PCMU/8000", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Video_is_rejected_with_port_0_while_audio_is_accepted_in_the_same_order()
    {
        var result = Answer(SdpSamples.Linphone);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(["audio", "video"], result.Answer!.Media.Select(m => m.Media));
        Assert.Equal(["96", "0", "8", "100"], result.Answer.Media[0].Formats);
        Assert.Equal(new MediaDescription("video", 0, "RTP/AVP") { Formats = ["96", "97"] }, result.Answer.Media[1]);
        Assert.Equal(0, result.Audio.MediaIndex);
    }

    [Fact]
    public void Telephone_event_with_the_voice_codecs_clock_is_preferred()
    {
        var options = AudioNegotiatorOfferTests.Options(AudioCodec.Pcmu, AudioCodec.TelephoneEvent, AudioCodec.TelephoneEvent with { ClockRate = 48000, PayloadType = 102 });

        var result = Answer(SdpSamples.Linphone, options);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(["0", "101", "100"], result.Answer!.Media[0].Formats);
        Assert.Equal(100, result.Audio.TelephoneEvent!.PayloadType);
    }

    [Fact]
    public void Offer_without_audio_is_rejected_with_the_media_types_named()
    {
        var result = Answer(Offer("m=video 5000 RTP/AVP 96\na=rtpmap:96 VP8/90000\nm=application 5002 UDP/BFCP *\n"));

        Assert.Equal(488, result.StatusCode);
        Assert.Equal("the offer has no audio stream, only: video, application", result.FailureReason);
    }

    [Fact]
    public void Offer_without_media_is_rejected()
    {
        var result = Answer(Offer(""));

        Assert.Equal(488, result.StatusCode);
        Assert.Contains("no media streams", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Disabled_and_secure_audio_streams_are_answered_with_port_0_and_the_next_usable_one_is_taken()
    {
        var result = Answer(Offer("m=audio 0 RTP/AVP 0\nm=audio 4000 RTP/SAVP 0\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:AAAA\nm=audio 4002 RTP/AVP 0\nm=audio 4004 RTP/AVP 8\n"));

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal([0, 0, 40000, 0], result.Answer!.Media.Select(m => m.Port));
        Assert.Equal(["RTP/AVP", "RTP/SAVP", "RTP/AVP", "RTP/AVP"], result.Answer.Media.Select(m => m.Protocol));
        Assert.Equal(2, result.Audio.MediaIndex);
        Assert.Equal(4002, result.Audio.RemotePort);
    }

    [Fact]
    public void Secure_only_offer_is_rejected_naming_the_transport()
    {
        var result = Answer(Offer("m=audio 4000 RTP/SAVP 0\n"));

        Assert.Equal(488, result.StatusCode);
        Assert.Contains("uses transport RTP/SAVP; supported: RTP/AVP", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Offer_without_connection_address_is_rejected()
    {
        var result = Answer(Offer("m=audio 4000 RTP/AVP 0\n", session: ""));

        Assert.Equal(488, result.StatusCode);
        Assert.Contains("no connection address (c=)", result.FailureReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sendrecv", null, "sendrecv", MediaDirection.SendRecv)]
    [InlineData("sendonly", null, "recvonly", MediaDirection.RecvOnly)]
    [InlineData("recvonly", null, "sendonly", MediaDirection.SendOnly)]
    [InlineData("inactive", null, "inactive", MediaDirection.Inactive)]
    [InlineData("sendrecv", MediaDirection.SendOnly, "sendonly", MediaDirection.SendOnly)]
    [InlineData("sendrecv", MediaDirection.Inactive, "inactive", MediaDirection.Inactive)]
    [InlineData("sendonly", MediaDirection.SendOnly, "inactive", MediaDirection.Inactive)]
    [InlineData("recvonly", MediaDirection.RecvOnly, "inactive", MediaDirection.Inactive)]
    public void Direction_is_negotiated_as_rfc3264_section_6_1_requires(string offered, MediaDirection? local, string answered, MediaDirection ours)
    {
        var result = Answer(Offer($"m=audio 4000 RTP/AVP 0\na={offered}\n"), direction: local);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(answered, result.Answer!.Media[0].Attributes[^1].Name);
        Assert.Equal(ours, result.Audio.Direction);
    }

    [Fact]
    public void Session_level_direction_applies_when_the_media_has_none()
    {
        var result = Answer(Offer("m=audio 4000 RTP/AVP 0\n", session: "c=IN IP4 198.51.100.20\na=sendonly\n"));

        Assert.Equal(MediaDirection.RecvOnly, result.Answer!.Media[0].Direction);
        Assert.True(result.Audio!.IsRemoteHold);
    }

    [Fact]
    public void Old_style_hold_with_zero_address_is_answered_recvonly()
    {
        var result = Answer(Offer("m=audio 4000 RTP/AVP 0\n", session: "c=IN IP4 0.0.0.0\n"));

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(MediaDirection.RecvOnly, result.Answer!.Media[0].Direction);
        Assert.True(result.Audio.IsRemoteHold);
        Assert.Equal(MediaDirection.RecvOnly, result.Audio.Direction);
    }

    [Fact]
    public void Media_level_ipv6_connection_gives_the_remote_endpoint()
    {
        var result = Answer(SdpSamples.Ipv6MediaLevelConnection);

        Assert.Equal(new IPEndPoint(IPAddress.Parse("2001:db8::10"), 49172), result.Audio!.RemoteEndPoint);
        Assert.Equal(49173, result.Audio.RemoteRtcpPort);
    }

    [Theory]
    [InlineData(null, "a=ptime:30\n", 30)]
    [InlineData(20, "a=ptime:30\n", 20)]
    [InlineData(null, "", null)]
    public void Answer_ptime_is_ours_when_configured_else_the_offered_one(int? ours, string offeredLine, int? expected)
    {
        var result = Answer(Offer("m=audio 4000 RTP/AVP 0\n" + offeredLine), AudioNegotiatorOfferTests.Options() with { Ptime = ours });

        Assert.Equal(expected, result.Answer!.Media[0].Ptime);
        Assert.Equal(offeredLine.Length == 0 ? null : 30, result.Audio!.RemotePtime);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void Rtcp_mux_is_accepted_only_when_enabled(bool enabled, bool expected)
    {
        var result = Answer(SdpSamples.BaresipIpv6, AudioNegotiatorOfferTests.Options() with { RtcpMux = enabled });

        Assert.Equal(expected, result.Answer!.Media[0].RtcpMux);
        Assert.Equal(expected, result.Audio!.RtcpMux);
        Assert.Equal(expected ? 10318 : 10319, result.Audio.RemoteRtcpPort);
    }

    [Fact]
    public void Offer_arriving_while_ours_is_outstanding_gets_491()
    {
        var negotiator = new AudioNegotiator(AudioNegotiatorOfferTests.Options());
        negotiator.CreateOffer(LocalRtp);

        var result = negotiator.CreateAnswer(SdpParserTests.Parse(SdpSamples.Asterisk), LocalRtp);

        Assert.Equal(491, result.StatusCode);
        Assert.Contains("still waiting for its answer", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_call_we_hold_stays_held_when_the_peer_re_offers()
    {
        var negotiator = new AudioNegotiator(AudioNegotiatorOfferTests.Options());
        var peer = new AudioNegotiator(AudioNegotiatorOfferTests.Options() with { SessionId = 2000 });
        Assert.True(negotiator.ApplyAnswer(peer.CreateAnswer(negotiator.CreateOffer(LocalRtp), PeerRtp).Answer!).Succeeded);
        Assert.True(negotiator.ApplyAnswer(peer.CreateAnswer(negotiator.CreateHoldOffer(LocalRtp), PeerRtp).Answer!).Succeeded);

        var result = negotiator.CreateAnswer(peer.CreateOffer(PeerRtp), LocalRtp);

        Assert.Equal(MediaDirection.SendOnly, result.Answer!.Media[0].Direction);
        Assert.Equal(MediaDirection.SendOnly, negotiator.LocalDirection);
    }

    [Fact]
    public void Answer_increments_the_version_of_our_origin()
    {
        var negotiator = new AudioNegotiator(AudioNegotiatorOfferTests.Options());
        var offer = SdpParserTests.Parse(SdpSamples.Asterisk);

        var first = negotiator.CreateAnswer(offer, LocalRtp).Answer!;
        var second = negotiator.CreateAnswer(offer, LocalRtp).Answer!;

        Assert.Equal(first.Origin.WithNextVersion(), second.Origin);
        Assert.Same(offer, negotiator.RemoteDescription);
    }
}
