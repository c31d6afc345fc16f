using System.Text;
using Cinema.Sip.Sdp;

namespace Cinema.Sip.Tests.Sdp;

public class SdpParserErrorTests
{
    private const string Head = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\n";

    public static TheoryData<string, string> MalformedBodies => new()
    {
        { "", "SDP body is empty" },
        { "\r\n\r\n", "SDP body is empty" },
        { "v=0\r\n", "ends after 'v='" },
        { "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\n", "ends after 'o='" },
        { "o=- 1 1 IN IP4 192.0.2.1\r\nv=0\r\ns=-\r\n", "line 1: SDP must start with 'v='" },
        { "v=1\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\n", "line 1: version \"1\" is not supported" },
        { "v=0\r\ns=-\r\no=- 1 1 IN IP4 192.0.2.1\r\n", "line 2: expected 'o=' after 'v='" },
        { "v=0\r\no=- 1 1 IN IP4\r\ns=-\r\n", "line 2: 'o=' needs 6 fields" },
        { "v=0\r\no=- 1 1 IN IP4 192.0.2.1 extra\r\ns=-\r\n", "but has 7" },
        { "v=0\r\no=- 1 x IN IP4 192.0.2.1\r\ns=-\r\n", "line 2: 'o=' sess-version \"x\" is not a number" },
        { "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\nt=0 0\r\n", "line 3: expected 's=' after 'o='" },
        { Head + "v=0\r\n", "line 4: duplicate 'v=' line" },
        { Head + "s=again\r\n", "line 4: duplicate 's=' line" },
        { Head + "i=a\r\ni=b\r\n", "line 5: duplicate 'i=' line" },
        { Head + "u=a\r\nu=b\r\n", "line 5: duplicate 'u=' line" },
        { Head + "z=a\r\nz=b\r\n", "line 5: duplicate 'z=' line" },
        { Head + "k=a\r\nk=b\r\n", "line 5: duplicate 'k=' line" },
        { Head + "c=IN IP4 192.0.2.1\r\nc=IN IP4 192.0.2.2\r\n", "line 5: duplicate session-level 'c='" },
        { Head + "c=IN IP4\r\n", "line 4: 'c=' needs 3 fields" },
        { Head + "c=IN IP4 233.252.0.1/x\r\n", "line 4: 'c=' multicast TTL \"x\"" },
        { Head + "c=IN IP4 233.252.0.1/256\r\n", "multicast TTL \"256\" is not a number from 0 to 255" },
        { Head + "c=IN IP4 233.252.0.1/127/0\r\n", "line 4: 'c=' number of addresses \"0\"" },
        { Head + "c=IN IP4 233.252.0.1/127/\r\n", "number of addresses \"\"" },
        { Head + "c=IN IP4 233.252.0.1/127/2/3\r\n", "number of addresses \"2/3\"" },
        { Head + "c=IN IP6 ff15::101/abc\r\n", "number of addresses \"abc\"" },
        { Head + "c=IN IP4 /127\r\n", "line 4: 'c=' has an empty address" },
        { Head + "b=AS\r\n", "line 4: 'b=' must be <bwtype>:<bandwidth>" },
        { Head + "b=:64\r\n", "'b=' must be <bwtype>:<bandwidth>" },
        { Head + "b=AS:lots\r\n", "line 4: 'b=' bandwidth \"lots\" is not a number" },
        { Head + "b=A S:64\r\n", "bandwidth type \"A S\" contains a space" },
        { Head + "t=0\r\n", "line 4: 't=' needs 2 fields" },
        { Head + "t=now later\r\n", "line 4: 't=' times \"now later\" are not numbers" },
        { Head + "r=604800 3600 0\r\n", "line 4: 'r=' must follow a 't=' line" },
        { Head + "a=:value\r\n", "line 4: 'a=' has no attribute name" },
        { Head + "m=audio 4000\r\n", "line 4: 'm=' needs at least <media> <port> <proto>" },
        { Head + "m=audio port RTP/AVP 0\r\n", "line 4: 'm=' port \"port\" is not a number" },
        { Head + "m=audio 70000 RTP/AVP 0\r\n", "port \"70000\" is not a number from 0 to 65535" },
        { Head + "m=audio -1 RTP/AVP 0\r\n", "port \"-1\"" },
        { Head + "m=audio 4000/0 RTP/AVP 0\r\n", "line 4: 'm=' number of ports \"0\"" },
        { Head + "m=audio 4000 RTP/AVP 0\r\nt=0 0\r\n", "line 5: 't=' is a session-level line and must come before the first 'm=' line" },
        { Head + "m=audio 4000 RTP/AVP 0\r\no=- 1 1 IN IP4 192.0.2.1\r\n", "line 5: 'o=' is a session-level line" },
        { Head + "m=audio 4000 RTP/AVP 0\r\ni=a\r\ni=b\r\n", "line 6: duplicate 'i=' line" },
        { Head + "m=audio 4000 RTP/AVP 0\r\nc=IN IP4\r\n", "line 5: 'c=' needs 3 fields" },
        { Head + "m=audio 4000 RTP/AVP 0\r\nb=AS:x\r\n", "line 5: 'b=' bandwidth \"x\" is not a number" },
        { Head + "m=audio 4000 RTP/AVP 0\r\na=\r\n", "line 5: 'a=' has no attribute name" },
        { Head + "m=audio 4000 RTP/AVP 0\r\nm=audio x RTP/AVP 0\r\n", "line 5: 'm=' port \"x\"" },
        { Head + "a=foo\rbar\r\n", "line 4: contains a bare CR" },
        { Head + "a=foo\0\r\n", "line 4: contains a NUL character" },
        { Head + "just text\r\n", "line 4: expected <type>=<value>" },
        { Head + "a\r\n", "line 4: expected <type>=<value>" },
        { Head + "A=foo\r\n", "line 4: type 'A' is not a lowercase letter" },
        { Head + "1=foo\r\n", "line 4: type '1' is not a lowercase letter" },
        { Head + " a=foo\r\n", "line 4: expected <type>=<value>" },
        { Head + "a =foo\r\n", "line 4: expected <type>=<value>" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public void Malformed_body_is_rejected_with_a_reason_naming_the_problem(string body, string expectedReason)
    {
        var parsed = SdpParser.TryParse(body, out var description, out var error);

        Assert.False(parsed);
        Assert.Null(description);
        Assert.Contains(expectedReason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Body_longer_than_the_limit_is_rejected()
    {
        var options = new SdpParserOptions { MaxLength = 20 };

        Assert.False(SdpParser.TryParse(Head, options, out _, out var error));
        Assert.Contains("more than the limit of 20", error, StringComparison.Ordinal);
        Assert.False(SdpParser.TryParse(Encoding.UTF8.GetBytes(Head), options, out _, out error));
        Assert.Contains("bytes long, more than the limit of 20", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Line_longer_than_the_limit_is_rejected_with_its_number()
    {
        var body = Head + "a=" + new string('x', 5000) + "\r\n";

        Assert.False(SdpParser.TryParse(body, out _, out var error));
        Assert.Contains("line 4: 5002 characters long, more than the limit of 4096", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_lines_are_rejected()
    {
        var body = Head + string.Concat(Enumerable.Repeat("a=x\r\n", 1000));

        Assert.False(SdpParser.TryParse(body, out _, out var error));
        Assert.Contains("more than 1000 lines", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_media_sections_are_rejected()
    {
        var options = new SdpParserOptions { MaxMediaDescriptions = 2 };
        var body = Head + "m=audio 1 RTP/AVP 0\r\nm=audio 2 RTP/AVP 0\r\nm=audio 3 RTP/AVP 0\r\n";

        Assert.False(SdpParser.TryParse(body, options, out _, out var error));
        Assert.Contains("line 6: more than 2 'm=' sections", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_rejected()
    {
        byte[] body = [.. Encoding.ASCII.GetBytes(Head + "s="), 0xC3, 0x28, 0x0D, 0x0A];

        Assert.False(SdpParser.TryParse(body, out _, out var error));
        Assert.Contains("not valid UTF-8", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_offending_values_are_shortened_in_the_reason()
    {
        var body = "v=" + new string('9', 300) + "\r\n";

        Assert.False(SdpParser.TryParse(body, out _, out var error));
        Assert.True(error.Length < 150, error);
    }
}
