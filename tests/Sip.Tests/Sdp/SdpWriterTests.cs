using System.Collections.Immutable;
using System.Text;
using Cinema.Sip.Sdp;

namespace Cinema.Sip.Tests.Sdp;

public class SdpWriterTests
{
    public static TheoryData<string> Samples => new(SdpSamples.All);

    [Theory]
    [MemberData(nameof(Samples))]
    public void Writing_a_parsed_crlf_body_reproduces_it_exactly(string body)
    {
        var written = SdpWriter.Write(SdpParserTests.Parse(body));

        Assert.Equal(body, written);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Parse_write_parse_gives_an_equal_description(string body)
    {
        var first = SdpParserTests.Parse(body);

        var second = SdpParserTests.Parse(SdpWriter.Write(first));

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void Lf_input_is_written_with_crlf_line_ends()
    {
        var lf = SdpSamples.FreeSwitch.ReplaceLineEndings("\n");

        Assert.Equal(SdpSamples.FreeSwitch, SdpWriter.Write(SdpParserTests.Parse(lf)));
    }

    [Fact]
    public void Utf8_output_matches_the_text()
    {
        var sdp = SdpParserTests.Parse(SdpSamples.Asterisk);

        Assert.Equal(Encoding.UTF8.GetBytes(SdpSamples.Asterisk), SdpWriter.WriteUtf8(sdp));
        Assert.Equal(SdpSamples.Asterisk, sdp.ToString());
    }

    [Fact]
    public void Sloppy_spacing_is_normalised_on_write()
    {
        var sdp = SdpParserTests.Parse("v=0\no=-  1 2 IN IP4 192.0.2.1\ns=-\nt=0  0\nm=audio  4000 RTP/AVP 0  8 \n");

        Assert.Equal("v=0\r\no=- 1 2 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0 8\r\n", SdpWriter.Write(sdp));
    }

    [Fact]
    public void Unknown_lines_are_written_verbatim_at_the_end_of_their_section()
    {
        var sdp = SdpParserTests.Parse("v=0\no=- 1 2 IN IP4 192.0.2.1\ns=-\nx=one two\nt=0 0\nm=audio 4000 RTP/AVP 0\ny=three\na=sendrecv\n");

        Assert.Equal(
            "v=0\r\no=- 1 2 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nx=one two\r\nm=audio 4000 RTP/AVP 0\r\na=sendrecv\r\ny=three\r\n",
            SdpWriter.Write(sdp));
    }

    [Fact]
    public void Description_built_in_code_is_written_in_rfc_order()
    {
        var sdp = new SessionDescription
        {
            Origin = new SdpOrigin("-", "42", 7, "IN", "IP4", "192.0.2.5"),
            Connection = new SdpConnection("IN", "IP4", "192.0.2.5"),
            Timings = [SdpTiming.Unbounded],
            Attributes = [new SdpAttribute("tool", "cinema")],
            Media =
            [
                new MediaDescription("audio", 5004, "RTP/AVP")
                {
                    Formats = ["0", "101"],
                    Attributes =
                    [
                        new SdpRtpMap(0, "PCMU", 8000).ToAttribute(),
                        new SdpRtpMap(101, "telephone-event", 8000).ToAttribute(),
                        new SdpFmtp(101, "0-16").ToAttribute(),
                        SdpAttribute.Ptime(20),
                        new SdpRtcp(5005).ToAttribute(),
                        SdpAttribute.RtcpMux(),
                        SdpAttribute.Direction(MediaDirection.SendOnly),
                    ],
                },
            ],
        };

        Assert.Equal(
            SdpSamples.Crlf("""
                v=0
                o=- 42 7 IN IP4 192.0.2.5
                s=-
                c=IN IP4 192.0.2.5
                t=0 0
                a=tool:cinema
                m=audio 5004 RTP/AVP 0 101
                a=rtpmap:0 PCMU/8000
                a=rtpmap:101 telephone-event/8000
                a=fmtp:101 0-16
                a=ptime:20
                a=rtcp:5005
                a=rtcp-mux
                a=sendonly

                """),
            SdpWriter.Write(sdp));
    }

    [Theory]
    [InlineData("evil\r\nm=video 1 RTP/AVP 0")]
    [InlineData("evil\nb=AS:1")]
    [InlineData("nul\0")]
    public void Values_that_would_inject_lines_are_refused(string value)
    {
        var sdp = SdpParserTests.Parse(SdpSamples.Asterisk);

        Assert.Throws<ArgumentException>(() => SdpWriter.Write(sdp with { SessionName = value }));
        Assert.Throws<ArgumentException>(() => SdpWriter.Write(sdp with { Attributes = [new SdpAttribute("x", value)] }));
    }

    [Theory]
    [InlineData("two words")]
    [InlineData("")]
    public void Fields_that_would_shift_other_fields_are_refused(string value)
    {
        var sdp = SdpParserTests.Parse(SdpSamples.Asterisk);

        Assert.Throws<ArgumentException>(() => SdpWriter.Write(sdp with { Origin = sdp.Origin with { UserName = value } }));
        Assert.Throws<ArgumentException>(() => SdpWriter.Write(sdp with { Media = [sdp.Media[0] with { Formats = [value] }] }));
    }

    [Fact]
    public void Attribute_names_with_a_colon_and_non_letter_unknown_lines_are_refused()
    {
        var sdp = SdpParserTests.Parse(SdpSamples.Asterisk);

        Assert.Throws<ArgumentException>(() => SdpWriter.Write(sdp with { Attributes = [new SdpAttribute("a:b", "c")] }));
        Assert.Throws<ArgumentException>(() => SdpWriter.Write(sdp with { UnknownLines = [new SdpLine('X', "y")] }));
    }

    [Fact]
    public void Default_lists_are_treated_as_empty()
    {
        var sdp = new SessionDescription
        {
            Origin = new SdpOrigin("-", "1", 1, "IN", "IP4", "192.0.2.1"),
            Media = default,
            Attributes = default,
        };

        Assert.Equal("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\n", SdpWriter.Write(sdp));
        Assert.Equal(ImmutableArray<MediaDescription>.Empty, sdp.Media);
    }
}
