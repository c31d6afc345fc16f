using System.Net;
using Cinema.Sip.Sdp;

namespace Cinema.Sip.Tests.Sdp;

public class AudioNegotiatorApplyAnswerTests
{
    private static readonly IPEndPoint LocalRtp = AudioNegotiatorOfferTests.LocalRtp;

    private static (AudioNegotiator Negotiator, SessionDescription Offer) Offered(MediaDirection direction = MediaDirection.SendRecv)
    {
        var negotiator = new AudioNegotiator(AudioNegotiatorOfferTests.Options() with { RtcpMux = true });
        return (negotiator, negotiator.CreateOffer(LocalRtp, direction));
    }

    private static SessionDescription AnswerText(string media, string session = "c=IN IP4 198.51.100.20\n")
        => SdpParserTests.Parse(SdpSamples.Crlf("v=0\no=peer 9 9 IN IP4 198.51.100.20\ns=-\n" + session + "t=0 0\n" + media));

    [Fact]
    public void Answer_from_a_peer_negotiator_agrees_on_both_sides()
    {
        var (negotiator, offer) = Offered();
        var peer = new AudioNegotiator(AudioNegotiatorOfferTests.Options(AudioCodec.Pcma, AudioCodec.Pcmu, AudioCodec.TelephoneEvent) with { SessionId = 2000 });

        var answered = peer.CreateAnswer(offer, AudioNegotiatorAnswerTests.PeerRtp);
        var applied = negotiator.ApplyAnswer(SdpParserTests.Parse(SdpWriter.Write(answered.Answer!)));

        Assert.True(applied.Succeeded, applied.FailureReason);
        Assert.Equal(answered.Audio!.Codec.PayloadType, applied.Audio.Codec.PayloadType);
        Assert.Equal(AudioCodec.Pcmu, applied.Audio.Codec.Codec);
        Assert.Equal(101, applied.Audio.TelephoneEvent!.PayloadType);
        Assert.Equal(AudioNegotiatorAnswerTests.PeerRtp, applied.Audio.RemoteEndPoint);
        Assert.Equal(LocalRtp, answered.Audio.RemoteEndPoint);
        Assert.Null(negotiator.PendingOffer);
        Assert.Equal(applied.Audio, negotiator.Current);
    }

    [Fact]
    public void Answer_payload_types_are_used_even_when_they_differ_from_ours()
    {
        var (negotiator, _) = Offered();

        var result = negotiator.ApplyAnswer(AnswerText("m=audio 6000 RTP/AVP 96 101\na=rtpmap:96 opus/48000/2\na=rtpmap:101 telephone-event/8000\na=rtcp-mux\n"));

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(new NegotiatedCodec(96, AudioCodec.Opus), result.Audio.Codec);
        Assert.True(result.Audio.RtcpMux);
        Assert.Equal(6000, result.Audio.RemoteRtcpPort);
    }

    [Fact]
    public void Answer_to_our_hold_gives_send_only_without_remote_hold()
    {
        var (negotiator, _) = Offered(MediaDirection.SendOnly);

        var result = negotiator.ApplyAnswer(AnswerText("m=audio 6000 RTP/AVP 0\na=recvonly\n"));

        Assert.Equal(MediaDirection.SendOnly, result.Audio!.Direction);
        Assert.False(result.Audio.IsRemoteHold);
    }

    [Fact]
    public void Session_level_ipv6_connection_of_the_answer_is_used()
    {
        var (negotiator, _) = Offered();

        var result = negotiator.ApplyAnswer(AnswerText("m=audio 6000 RTP/AVP 8\n", session: "c=IN IP6 2001:db8::20\n"));

        Assert.Equal(new IPEndPoint(IPAddress.Parse("2001:db8::20"), 6000), result.Audio!.RemoteEndPoint);
        Assert.Equal(6001, result.Audio.RemoteRtcpPort);
    }

    [Fact]
    public void Answer_with_another_number_of_media_lines_fails()
    {
        var (negotiator, _) = Offered();

        var result = negotiator.ApplyAnswer(AnswerText("m=audio 6000 RTP/AVP 0\nm=video 0 RTP/AVP 96\n"));

        Assert.False(result.Succeeded);
        Assert.Contains("the answer has 2 media streams but the offer had 1", result.FailureReason, StringComparison.Ordinal);
        Assert.Null(result.StatusCode);
    }

    [Fact]
    public void Answer_rejecting_audio_fails_and_settles_the_offer()
    {
        var (negotiator, _) = Offered();

        var result = negotiator.ApplyAnswer(AnswerText("m=audio 0 RTP/AVP 0\n"));

        Assert.Contains("rejected the audio stream (port 0)", result.FailureReason, StringComparison.Ordinal);
        Assert.Null(negotiator.PendingOffer);
        Assert.Null(negotiator.Current);
        Assert.NotNull(negotiator.CreateOffer(LocalRtp));
    }

    [Fact]
    public void Answer_without_an_offered_codec_fails()
    {
        var (negotiator, _) = Offered();

        var result = negotiator.ApplyAnswer(AnswerText("m=audio 6000 RTP/AVP 18 101\na=rtpmap:101 telephone-event/8000\n"));

        Assert.Contains("no voice codec that we offered: it lists G729/8000, telephone-event/8000", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Answer_with_another_media_type_or_no_address_fails()
    {
        var (negotiator, _) = Offered();
        Assert.Contains("is 'video' but the offer had audio", negotiator.ApplyAnswer(AnswerText("m=video 6000 RTP/AVP 0\n")).FailureReason, StringComparison.Ordinal);

        negotiator.CreateOffer(LocalRtp);
        Assert.Contains("no connection address", negotiator.ApplyAnswer(AnswerText("m=audio 6000 RTP/AVP 0\n", session: "")).FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Answer_without_an_outstanding_offer_fails()
    {
        var negotiator = new AudioNegotiator(AudioNegotiatorOfferTests.Options());

        var result = negotiator.ApplyAnswer(AnswerText("m=audio 6000 RTP/AVP 0\n"));

        Assert.Equal("there is no outstanding offer to apply an answer to", result.FailureReason);
    }

    [Fact]
    public void Answer_to_a_re_offer_is_read_at_the_audio_lines_earlier_position()
    {
        var negotiator = new AudioNegotiator(AudioNegotiatorOfferTests.Options());
        Assert.True(negotiator.CreateAnswer(SdpParserTests.Parse(SdpSamples.Crlf("""
            v=0
            o=- 5 5 IN IP4 198.51.100.20
            s=-
            c=IN IP4 198.51.100.20
            t=0 0
            m=video 5000 RTP/AVP 96
            m=audio 5002 RTP/AVP 8
            """)), LocalRtp).Succeeded);
        negotiator.CreateOffer(LocalRtp);

        var result = negotiator.ApplyAnswer(AnswerText("m=video 0 RTP/AVP 96\nm=audio 5004 RTP/AVP 8\n"));

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(1, result.Audio.MediaIndex);
        Assert.Equal(5004, result.Audio.RemotePort);
    }
}
