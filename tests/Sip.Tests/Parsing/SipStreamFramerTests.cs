using System.Text;
using Cinema.Sip.Parsing;

namespace Cinema.Sip.Tests.Parsing;

public class SipStreamFramerTests
{
    [Fact]
    public void Message_split_across_reads_is_framed_once_complete()
    {
        var bytes = SipText.Bytes(SipText.Invite);
        var framer = new SipStreamFramer();
        framer.Append(bytes.AsSpan(0, 100));
        Assert.Equal(FrameKind.NeedMore, framer.TryRead(out _, out _));
        framer.Append(bytes.AsSpan(100, bytes.Length - 110));
        Assert.Equal(FrameKind.NeedMore, framer.TryRead(out _, out _));
        framer.Append(bytes.AsSpan(bytes.Length - 10));
        Assert.Equal(FrameKind.Message, framer.TryRead(out var frame, out _));
        Assert.Equal(bytes, frame);
        Assert.Equal(0, framer.Buffered);
    }

    [Fact]
    public void Several_messages_in_one_read_come_out_one_by_one()
    {
        var invite = SipText.Bytes(SipText.Invite);
        var register = SipText.Bytes(SipText.Register);
        var framer = new SipStreamFramer();
        framer.Append([.. invite, .. register, .. invite]);
        Assert.Equal(FrameKind.Message, framer.TryRead(out var a, out _));
        Assert.Equal(FrameKind.Message, framer.TryRead(out var b, out _));
        Assert.Equal(FrameKind.Message, framer.TryRead(out var c, out _));
        Assert.Equal(FrameKind.NeedMore, framer.TryRead(out _, out _));
        Assert.Equal(invite, a);
        Assert.Equal(register, b);
        Assert.Equal(invite, c);
        Assert.True(SipParser.Parse(b!).Success);
    }

    [Fact]
    public void Double_crlf_is_a_keep_alive_ping_and_single_crlf_a_pong()
    {
        var framer = new SipStreamFramer();
        framer.Append("\r\n\r\n"u8);
        Assert.Equal(FrameKind.Ping, framer.TryRead(out _, out _));
        framer.Append("\r\n"u8);
        framer.Append(SipText.Bytes(SipText.Register));
        Assert.Equal(FrameKind.Pong, framer.TryRead(out _, out _));
        Assert.Equal(FrameKind.Message, framer.TryRead(out _, out _));
    }

    [Fact]
    public void Half_a_ping_waits_for_more()
    {
        var framer = new SipStreamFramer();
        framer.Append("\r\n\r"u8);
        Assert.Equal(FrameKind.NeedMore, framer.TryRead(out _, out _));
        framer.Append("\n"u8);
        Assert.Equal(FrameKind.Ping, framer.TryRead(out _, out _));
    }

    [Fact]
    public void Stream_message_without_content_length_is_a_framing_error()
    {
        var framer = new SipStreamFramer();
        framer.Append(SipText.Bytes(SipText.Register.Replace("Content-Length: 0\n", "", StringComparison.Ordinal)));
        Assert.Equal(FrameKind.Error, framer.TryRead(out _, out var error));
        Assert.Contains("Content-Length is required", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Content-Length: -5", "invalid Content-Length")]
    [InlineData("Content-Length: 99999999999", "invalid Content-Length")]
    [InlineData("Content-Length: 0\nl: 0", "more than one")]
    public void Bad_content_length_is_a_framing_error(string header, string reason)
    {
        var framer = new SipStreamFramer();
        framer.Append(SipText.Bytes(SipText.Register.Replace("Content-Length: 0", header, StringComparison.Ordinal)));
        Assert.Equal(FrameKind.Error, framer.TryRead(out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Compact_content_length_frames_the_body()
    {
        var framer = new SipStreamFramer();
        var text = SipText.Register.Replace("Content-Length: 0\n\n", "l: 5\n\nhello", StringComparison.Ordinal).TrimEnd('\n');
        framer.Append(SipText.Bytes(text));
        Assert.Equal(FrameKind.Message, framer.TryRead(out var frame, out _));
        Assert.EndsWith("hello", Encoding.ASCII.GetString(frame!), StringComparison.Ordinal);
    }

    [Fact]
    public void Endless_headers_stop_at_the_header_limit()
    {
        var framer = new SipStreamFramer(new ParserLimits { MaxHeaderBytes = 1000 });
        framer.Append("INVITE sip:a@b SIP/2.0\r\n"u8);
        for (var i = 0; i < 100 && framer.TryRead(out _, out _) == FrameKind.NeedMore; i++) framer.Append("X-Slow: aaaaaaaaaaaaaaaaaaaa\r\n"u8);
        Assert.Equal(FrameKind.Error, framer.TryRead(out _, out var error));
        Assert.Contains("headers too large", error, StringComparison.Ordinal);
        Assert.True(framer.Buffered < 2000);
    }

    [Fact]
    public void Body_larger_than_the_message_limit_is_refused_before_it_is_buffered()
    {
        var framer = new SipStreamFramer(new ParserLimits { MaxMessageBytes = 1000 });
        framer.Append(SipText.Bytes(SipText.Register.Replace("Content-Length: 0", "Content-Length: 50000", StringComparison.Ordinal)));
        Assert.Equal(FrameKind.Error, framer.TryRead(out _, out var error));
        Assert.Contains("too large", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_buffer_grows_and_compacts()
    {
        var framer = new SipStreamFramer();
        var register = SipText.Bytes(SipText.Register);
        for (var round = 0; round < 50; round++)
        {
            var mem = framer.GetWriteBuffer(register.Length);
            register.CopyTo(mem.Span);
            framer.Advance(register.Length);
            Assert.Equal(FrameKind.Message, framer.TryRead(out var frame, out _));
            Assert.Equal(register, frame);
        }
    }
}
