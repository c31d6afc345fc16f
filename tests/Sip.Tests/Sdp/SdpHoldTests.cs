using Cinema.Sip.Sdp;

namespace Cinema.Sip.Tests.Sdp;

public class SdpHoldTests
{
    private static SessionDescription Body(string connection, string media)
        => SdpParserTests.Parse(SdpSamples.Crlf($"v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nc=IN {connection}\nt=0 0\n{media}"));

    [Theory]
    [InlineData("IP4 192.0.2.1", "a=sendonly\n", true)]
    [InlineData("IP4 192.0.2.1", "a=inactive\n", true)]
    [InlineData("IP4 192.0.2.1", "a=recvonly\n", false)]
    [InlineData("IP4 192.0.2.1", "a=sendrecv\n", false)]
    [InlineData("IP4 192.0.2.1", "", false)]
    [InlineData("IP4 0.0.0.0", "", true)]
    [InlineData("IP6 ::", "a=sendrecv\n", true)]
    public void Hold_is_recognised_from_direction_or_zero_address(string connection, string attribute, bool expected)
    {
        var sdp = Body(connection, "m=audio 4000 RTP/AVP 0\n" + attribute);

        Assert.Equal(expected, SdpHold.IsHold(sdp, sdp.Media[0]));
        Assert.Equal(expected, SdpHold.IsHold(sdp));
    }

    [Fact]
    public void Description_is_on_hold_only_when_every_active_stream_is()
    {
        var mixed = Body("IP4 192.0.2.1", "m=audio 4000 RTP/AVP 0\na=sendonly\nm=audio 4002 RTP/AVP 0\n");
        var rejectedIgnored = Body("IP4 192.0.2.1", "m=audio 4000 RTP/AVP 0\na=sendonly\nm=video 0 RTP/AVP 96\n");
        var nothingActive = Body("IP4 192.0.2.1", "m=audio 0 RTP/AVP 0\n");

        Assert.False(SdpHold.IsHold(mixed));
        Assert.True(SdpHold.IsHold(rejectedIgnored));
        Assert.False(SdpHold.IsHold(nothingActive));
    }

    [Fact]
    public void Hold_offer_is_sendonly_or_inactive_when_the_peer_already_holds_us_and_resume_is_sendrecv()
    {
        var local = AudioNegotiatorOfferTests.LocalRtp;
        var negotiator = new AudioNegotiator(AudioNegotiatorOfferTests.Options());
        var peer = new AudioNegotiator(AudioNegotiatorOfferTests.Options() with { SessionId = 2000 });
        Assert.True(negotiator.ApplyAnswer(peer.CreateAnswer(negotiator.CreateOffer(local), AudioNegotiatorAnswerTests.PeerRtp).Answer!).Succeeded);

        var hold = negotiator.CreateHoldOffer(local);
        Assert.Equal(MediaDirection.SendOnly, hold.Media[0].Direction);
        Assert.True(negotiator.ApplyAnswer(peer.CreateAnswer(hold, AudioNegotiatorAnswerTests.PeerRtp).Answer!).Succeeded);
        Assert.Equal(MediaDirection.SendOnly, negotiator.Current!.Direction);

        var resume = negotiator.CreateResumeOffer(local);
        Assert.Equal(MediaDirection.SendRecv, resume.Media[0].Direction);
        Assert.True(negotiator.ApplyAnswer(peer.CreateAnswer(resume, AudioNegotiatorAnswerTests.PeerRtp).Answer!).Succeeded);

        // The peer holds us; holding it in turn must offer inactive (RFC 6337 §5.3).
        var peerHold = peer.CreateHoldOffer(AudioNegotiatorAnswerTests.PeerRtp);
        var answered = negotiator.CreateAnswer(peerHold, local);
        Assert.True(answered.Audio!.IsRemoteHold);
        Assert.True(SdpHold.IsHold(peerHold));
        Assert.True(peer.ApplyAnswer(answered.Answer!).Succeeded);

        Assert.Equal(MediaDirection.Inactive, negotiator.CreateHoldOffer(local).Media[0].Direction);
    }
}
