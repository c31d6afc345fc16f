using System.Net;
using System.Text;
using Cinema.Sip.Sdp;

namespace Cinema.Sip.Tests.Sdp;

public class SdpParserTests
{
    internal static SessionDescription Parse(string text)
    {
        Assert.True(SdpParser.TryParse(text, out var description, out var error), error);
        return description;
    }

    [Fact]
    public void Asterisk_offer_yields_origin_connection_codecs_and_attributes()
    {
        var sdp = Parse(SdpSamples.Asterisk);

        Assert.Equal(0, sdp.Version);
        Assert.Equal(new SdpOrigin("-", "1739385730", 1739385730, "IN", "IP4", "203.0.113.10"), sdp.Origin);
        Assert.Equal("Asterisk", sdp.SessionName);
        Assert.Equal(new SdpConnection("IN", "IP4", "203.0.113.10"), sdp.Connection);
        Assert.Equal([SdpTiming.Unbounded], sdp.Timings);
        var audio = Assert.Single(sdp.Media);
        Assert.Equal("audio", audio.Media);
        Assert.Equal(17082, audio.Port);
        Assert.Null(audio.PortCount);
        Assert.Equal("RTP/AVP", audio.Protocol);
        Assert.Equal(["0", "8", "9", "101"], audio.Formats);
        Assert.Equal(
            [new SdpRtpMap(0, "PCMU", 8000), new SdpRtpMap(8, "PCMA", 8000), new SdpRtpMap(9, "G722", 8000), new SdpRtpMap(101, "telephone-event", 8000)],
            audio.GetRtpMaps());
        Assert.Equal(new SdpFmtp(101, "0-16"), audio.GetFmtp(101));
        Assert.Equal(20, audio.Ptime);
        Assert.Equal(150, audio.MaxPtime);
        Assert.Equal(MediaDirection.SendRecv, audio.Direction);
    }

    [Fact]
    public void FreeSwitch_offer_exposes_opus_fmtp_parameters_and_rtcp_attribute()
    {
        var audio = Parse(SdpSamples.FreeSwitch).Media[0];

        Assert.Equal(new SdpRtpMap(102, "opus", 48000, 2), audio.GetRtpMap(102));
        Assert.Equal(2, audio.GetRtpMap(102)!.EffectiveChannels);
        Assert.Equal("1", audio.GetFmtp(102)!.GetParameter("useinbandfec"));
        Assert.Equal("30000", audio.GetFmtp(102)!.GetParameter("maxaveragebitrate"));
        Assert.Null(audio.GetFmtp(102)!.GetParameter("stereo"));
        Assert.Equal(new SdpRtcp(24681, new SdpConnection("IN", "IP4", "198.51.100.7")), audio.Rtcp);
        Assert.False(audio.RtcpMux);
    }

    [Fact]
    public void Linphone_offer_keeps_session_attributes_and_both_media_sections()
    {
        var sdp = Parse(SdpSamples.Linphone);

        Assert.Equal(
            [new SdpAttribute("rtcp-xr", "rcvr-rtt=all:10000 stat-summary=loss,dup,jitt,TTL voip-metrics"), new SdpAttribute("record", "off")],
            sdp.Attributes);
        Assert.Equal(["audio", "video"], sdp.Media.Select(m => m.Media));
        Assert.Equal(new SdpRtpMap(99, "telephone-event", 16000), sdp.Media[0].GetRtpMap(99));
        Assert.Null(sdp.Media[0].Direction);
        Assert.Equal(MediaDirection.SendRecv, sdp.GetDirection(sdp.Media[0]));
        Assert.Equal(9078, sdp.Media[1].Port);
        Assert.Equal(new SdpAttribute("rtcp-fb", "96 nack pli"), sdp.Media[1].Attributes[^1]);
    }

    [Fact]
    public void Baresip_ipv6_offer_yields_ipv6_connection_and_rtcp_mux()
    {
        var sdp = Parse(SdpSamples.BaresipIpv6);

        Assert.Equal("IP6", sdp.Origin.AddressType);
        Assert.Equal(new SdpConnection("IN", "IP6", "2001:db8::10"), sdp.Connection);
        Assert.True(sdp.Connection!.TryGetIPAddress(out var address));
        Assert.Equal(IPAddress.Parse("2001:db8::10"), address);
        var audio = sdp.Media[0];
        Assert.Equal([new SdpBandwidth("AS", 107)], audio.Bandwidths);
        Assert.True(audio.RtcpMux);
        Assert.Equal(new SdpAttribute("rtcp-mux"), audio.GetAttribute("rtcp-mux"));
        Assert.True(audio.GetAttribute("rtcp-mux")!.IsProperty);
        Assert.Equal("2947283647 cname:a1b2c3d4-e5f6", audio.GetAttribute("ssrc")!.Value);
    }

    [Fact]
    public void Media_level_ipv6_connection_is_used_when_there_is_no_session_level_one()
    {
        var sdp = Parse(SdpSamples.Ipv6MediaLevelConnection);

        Assert.Null(sdp.Connection);
        Assert.Equal(new SdpConnection("IN", "IP6", "2001:db8::10"), sdp.GetConnection(sdp.Media[0]));
    }

    [Fact]
    public void Every_rfc8866_line_type_is_parsed_into_the_model()
    {
        var sdp = Parse(SdpSamples.AllFields);

        Assert.Equal("A seminar about SDP", sdp.Information);
        Assert.Equal("http://www.example.com/seminars/sdp.pdf", sdp.Uri);
        Assert.Equal(["j.doe@example.com (Jane Doe)", "Jane Doe <jane@jdoe.example.com>"], sdp.Emails);
        Assert.Equal(["+1 617 555-6011"], sdp.Phones);
        Assert.Equal(new SdpConnection("IN", "IP4", "233.252.0.1") { Ttl = 127, AddressCount = 3 }, sdp.Connection);
        Assert.Equal([new SdpBandwidth("CT", 128)], sdp.Bandwidths);
        Assert.Equal(2, sdp.Timings.Length);
        Assert.Equal(2873397496UL, sdp.Timings[0].StartTime);
        Assert.Equal(["604800 3600 0 90000", "7d 1h 0 25h"], sdp.Timings[0].Repeats);
        Assert.Empty(sdp.Timings[1].Repeats);
        Assert.Equal("2882844526 -1h 2898848070 0", sdp.TimeZones);
        Assert.Equal("prompt", sdp.EncryptionKey);
        Assert.Equal(MediaDirection.RecvOnly, sdp.Direction);
        Assert.Equal(MediaDirection.RecvOnly, sdp.GetDirection(sdp.Media[0]));
        Assert.Equal("Audio channel", sdp.Media[0].Information);
        Assert.Equal(30, sdp.Media[0].Ptime);
        var video = sdp.Media[1];
        Assert.Equal(2, video.PortCount);
        Assert.Equal(
            [new SdpConnection("IN", "IP6", "ff15::101") { AddressCount = 3 }, new SdpConnection("IN", "IP6", "ff15::201") { AddressCount = 2 }],
            video.Connections);
        Assert.Equal("clear:secret", video.EncryptionKey);
    }

    [Fact]
    public void Lf_line_ends_parse_the_same_as_crlf()
    {
        var lf = SdpSamples.Asterisk.ReplaceLineEndings("\n");

        Assert.Equal(Parse(SdpSamples.Asterisk), Parse(lf));
    }

    [Fact]
    public void Utf8_bytes_parse_the_same_as_text()
    {
        var bytes = Encoding.UTF8.GetBytes(SdpSamples.Linphone);

        Assert.True(SdpParser.TryParse(bytes, out var description, out var error), error);
        Assert.Equal(Parse(SdpSamples.Linphone), description);
    }

    [Fact]
    public void Missing_final_line_end_blank_lines_and_a_bom_are_tolerated()
    {
        var text = "\uFEFFv=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\n\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n\r\n\r\na=sendonly";

        var sdp = Parse(text);

        Assert.Equal(MediaDirection.SendOnly, sdp.Media[0].Direction);
    }

    [Fact]
    public void Unknown_line_types_and_attributes_are_kept_in_order()
    {
        var sdp = Parse("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nx=first\nt=0 0\ny=second\nm=audio 4000 RTP/AVP 0\na=zzz:1\nq=third\na=yyy\n");

        Assert.Equal([new SdpLine('x', "first"), new SdpLine('y', "second")], sdp.UnknownLines);
        Assert.Equal([new SdpLine('q', "third")], sdp.Media[0].UnknownLines);
        Assert.Equal([new SdpAttribute("zzz", "1"), new SdpAttribute("yyy")], sdp.Media[0].Attributes);
    }

    [Fact]
    public void Attribute_with_empty_value_differs_from_property_attribute()
    {
        var sdp = Parse("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\na=tool:\r\na=tool\r\n");

        Assert.Equal([new SdpAttribute("tool", ""), new SdpAttribute("tool")], sdp.Attributes);
        Assert.False(sdp.Attributes[0].IsProperty);
        Assert.True(sdp.Attributes[1].IsProperty);
    }

    [Fact]
    public void Rejected_stream_without_formats_is_tolerated()
    {
        var sdp = Parse("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=video 0 RTP/AVP\r\n");

        Assert.True(sdp.Media[0].IsRejected);
        Assert.Empty(sdp.Media[0].Formats);
    }

    [Fact]
    public void Extra_spaces_between_fields_are_tolerated()
    {
        var sdp = Parse("v=0\r\no=-  1 1 IN IP4  192.0.2.1\r\ns=-\r\nc=IN  IP4 192.0.2.1\r\nt=0  0\r\nm=audio  4000 RTP/AVP  0 8 \r\n");

        Assert.Equal("192.0.2.1", sdp.Origin.Address);
        Assert.Equal(["0", "8"], sdp.Media[0].Formats);
    }

    [Fact]
    public void Missing_timing_and_connection_are_accepted_by_the_parser()
    {
        // Some stacks omit t=; whether a usable address exists is for offer/answer to judge.
        var sdp = Parse("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nm=audio 4000 RTP/AVP 0\r\n");

        Assert.Empty(sdp.Timings);
        Assert.Null(sdp.GetConnection(sdp.Media[0]));
    }

    [Fact]
    public void Fqdn_connection_address_is_kept_and_is_not_an_ip_address()
    {
        var sdp = Parse("v=0\r\no=- 1 1 IN IP4 host.example.com\r\ns=-\r\nc=IN IP4 host.example.com\r\nt=0 0\r\n");

        Assert.Equal("host.example.com", sdp.Connection!.Address);
        Assert.False(sdp.Connection.TryGetIPAddress(out _));
    }

    [Fact]
    public void Unspecified_addresses_are_recognised()
    {
        Assert.True(new SdpConnection("IN", "IP4", "0.0.0.0").IsUnspecified);
        Assert.True(new SdpConnection("IN", "IP6", "::").IsUnspecified);
        Assert.False(new SdpConnection("IN", "IP4", "192.0.2.1").IsUnspecified);
        Assert.False(new SdpConnection("IN", "IP6", "0.0.0.0").IsUnspecified);
    }

    [Fact]
    public void Custom_limits_are_honoured()
    {
        var options = new SdpParserOptions { MaxLines = 4 };

        Assert.False(SdpParser.TryParse(SdpSamples.Asterisk, options, out _, out var error));
        Assert.Contains("more than 4 lines", error, StringComparison.Ordinal);
        Assert.True(SdpParser.TryParse(SdpSamples.Asterisk, new SdpParserOptions { MaxLines = 14 }, out _, out error), error);
    }
}
