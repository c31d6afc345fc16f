using Cinema.Sip.Sdp;

namespace Cinema.Sip.Tests.Sdp;

public class SdpTypedAttributeTests
{
    [Theory]
    [InlineData("0 PCMU/8000", 0, "PCMU", 8000, null)]
    [InlineData("111 opus/48000/2", 111, "opus", 48000, 2)]
    [InlineData(" 101  telephone-event/8000 ", 101, "telephone-event", 8000, null)]
    public void Rtpmap_values_are_parsed(string value, int payloadType, string name, int clockRate, int? channels)
    {
        Assert.True(SdpRtpMap.TryParse(value, out var rtpMap));
        Assert.Equal(new SdpRtpMap(payloadType, name, clockRate, channels), rtpMap);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("PCMU/8000")]
    [InlineData("x PCMU/8000")]
    [InlineData("128 PCMU/8000")]
    [InlineData("0 PCMU")]
    [InlineData("0 /8000")]
    [InlineData("0 PCMU/")]
    [InlineData("0 PCMU/0")]
    [InlineData("0 PCMU/8000/")]
    [InlineData("0 PCMU/8000/0")]
    [InlineData("0 PCMU/8000/1/2")]
    [InlineData("0 PC MU/8000")]
    public void Malformed_rtpmap_values_are_rejected(string? value)
    {
        Assert.False(SdpRtpMap.TryParse(value, out _));
    }

    [Fact]
    public void Rtpmap_writes_channels_only_when_given()
    {
        Assert.Equal("0 PCMU/8000", new SdpRtpMap(0, "PCMU", 8000).ToAttributeValue());
        Assert.Equal("111 opus/48000/2", new SdpRtpMap(111, "opus", 48000, 2).ToAttributeValue());
    }

    [Fact]
    public void Fmtp_values_are_parsed_and_parameters_looked_up()
    {
        Assert.True(SdpFmtp.TryParse("101 0-16", out var events));
        Assert.Equal(new SdpFmtp(101, "0-16"), events);
        Assert.Null(events.GetParameter("0-16"));

        Assert.True(SdpFmtp.TryParse("96 stereo=1; sprop-stereo=1;useinbandfec = 1", out var opus));
        Assert.Equal("1", opus.GetParameter("sprop-stereo"));
        Assert.Equal("1", opus.GetParameter("USEINBANDFEC"));
        Assert.Null(opus.GetParameter("maxplaybackrate"));

        Assert.True(SdpFmtp.TryParse("18", out var bare));
        Assert.Equal("", bare.Parameters);
        Assert.Equal("18", bare.ToAttributeValue());
        Assert.False(SdpFmtp.TryParse("x annexb=no", out _));
        Assert.False(SdpFmtp.TryParse(null, out _));
    }

    [Fact]
    public void Rtcp_values_are_parsed_with_and_without_address()
    {
        Assert.True(SdpRtcp.TryParse("53020", out var portOnly));
        Assert.Equal(new SdpRtcp(53020), portOnly);
        Assert.True(SdpRtcp.TryParse("53020 IN IP6 2001:db8::1", out var withAddress));
        Assert.Equal(new SdpRtcp(53020, new SdpConnection("IN", "IP6", "2001:db8::1")), withAddress);
        Assert.Equal("53020 IN IP6 2001:db8::1", withAddress.ToAttributeValue());
        Assert.False(SdpRtcp.TryParse("port", out _));
        Assert.False(SdpRtcp.TryParse("53020 IN IP4", out _));
        Assert.False(SdpRtcp.TryParse("53020 IN IP4 192.0.2.1 extra", out _));
    }

    [Fact]
    public void Malformed_ptime_reads_as_absent_but_is_kept()
    {
        var media = new MediaDescription("audio", 4000, "RTP/AVP") { Attributes = [new SdpAttribute("ptime", "twenty")] };

        Assert.Null(media.Ptime);
        Assert.Equal("twenty", media.GetAttribute("ptime")!.Value);
    }

    [Fact]
    public void Media_direction_overrides_session_direction()
    {
        var sdp = SdpParserTests.Parse("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\na=sendonly\r\nm=audio 4000 RTP/AVP 0\r\na=inactive\r\nm=audio 4002 RTP/AVP 0\r\n");

        Assert.Equal(MediaDirection.Inactive, sdp.GetDirection(sdp.Media[0]));
        Assert.Equal(MediaDirection.SendOnly, sdp.GetDirection(sdp.Media[1]));
    }

    [Fact]
    public void WithDirection_replaces_the_direction_in_place_and_null_removes_it()
    {
        var media = new MediaDescription("audio", 4000, "RTP/AVP")
        {
            Attributes = [new SdpAttribute("rtpmap", "0 PCMU/8000"), new SdpAttribute("sendrecv"), new SdpAttribute("ptime", "20")],
        };

        var held = media.WithDirection(MediaDirection.SendOnly);
        var cleared = media.WithDirection(null);

        Assert.Equal([new SdpAttribute("rtpmap", "0 PCMU/8000"), new SdpAttribute("sendonly"), new SdpAttribute("ptime", "20")], held.Attributes);
        Assert.Equal(MediaDirection.SendOnly, held.Direction);
        Assert.Null(cleared.Direction);
        Assert.Equal(2, cleared.Attributes.Length);
        Assert.Equal(MediaDirection.SendRecv, media.Direction);
    }

    [Fact]
    public void Session_WithDirection_appends_when_there_was_none()
    {
        var sdp = SdpParserTests.Parse(SdpSamples.Linphone).WithDirection(MediaDirection.Inactive);

        Assert.Equal(new SdpAttribute("inactive"), sdp.Attributes[^1]);
        Assert.Equal(MediaDirection.Inactive, sdp.GetDirection(sdp.Media[0]));
    }

    [Fact]
    public void Attribute_helpers_add_and_remove_attributes()
    {
        var media = new MediaDescription("audio", 4000, "RTP/AVP")
            .WithAttribute(SdpAttribute.RtcpMux())
            .WithAttribute(SdpAttribute.MaxPtime(40));

        Assert.True(media.RtcpMux);
        Assert.True(media.HasAttribute("RTCP-MUX"));
        Assert.Equal(40, media.MaxPtime);
        Assert.False(media.WithoutAttribute("rtcp-mux").RtcpMux);
    }

    [Theory]
    [InlineData(MediaDirection.SendRecv, MediaDirection.SendRecv)]
    [InlineData(MediaDirection.SendOnly, MediaDirection.RecvOnly)]
    [InlineData(MediaDirection.RecvOnly, MediaDirection.SendOnly)]
    [InlineData(MediaDirection.Inactive, MediaDirection.Inactive)]
    public void Reverse_swaps_send_and_receive(MediaDirection direction, MediaDirection reversed)
    {
        Assert.Equal(reversed, direction.Reverse());
    }

    [Theory]
    [InlineData(MediaDirection.SendRecv, MediaDirection.SendOnly, MediaDirection.SendOnly)]
    [InlineData(MediaDirection.SendOnly, MediaDirection.RecvOnly, MediaDirection.Inactive)]
    [InlineData(MediaDirection.RecvOnly, MediaDirection.SendRecv, MediaDirection.RecvOnly)]
    [InlineData(MediaDirection.Inactive, MediaDirection.SendRecv, MediaDirection.Inactive)]
    public void Intersect_keeps_what_both_allow(MediaDirection left, MediaDirection right, MediaDirection expected)
    {
        Assert.Equal(expected, left.Intersect(right));
    }

    [Fact]
    public void Origin_next_version_increments_only_the_version()
    {
        var origin = new SdpOrigin("-", "5", 9, "IN", "IP4", "192.0.2.1");

        Assert.Equal(origin with { SessionVersion = 10 }, origin.WithNextVersion());
    }

    [Fact]
    public void Equal_descriptions_built_separately_compare_equal()
    {
        var left = SdpParserTests.Parse(SdpSamples.AllFields);
        var right = SdpParserTests.Parse(SdpSamples.AllFields);

        Assert.Equal(left, right);
        Assert.NotEqual(left, right with { Media = right.Media.SetItem(0, right.Media[0] with { Port = 1 }) });
        Assert.NotEqual(left, right with { Timings = [SdpTiming.Unbounded] });
    }
}
