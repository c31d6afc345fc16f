using Cinema.Sip.Messages;
using Cinema.Sip.Parsing;

namespace Cinema.Sip.Tests.Fuzz;

/// <summary>Regression tests for what the fuzz properties found, each reduced to the smallest message that showed it.</summary>
public class FuzzFindingsTests
{
    private const string Options = """
        OPTIONS sip:a@b SIP/2.0
        Via: SIP/2.0/UDP h;branch=z9hG4bKq
        From: <sip:x@y>;tag=1
        To: <sip:a@b>
        Call-ID: abc
        CSeq: 1 OPTIONS
        Content-Length: 0


        """;

    /// <summary>
    /// A blank last continuation line used to stay in the value as a trailing CRLF, so writing the header out
    /// again ended the header block early and turned the headers after it into body (RFC 3261 §7.3.1: folding
    /// white space is not part of the value).
    /// </summary>
    [Fact]
    public void Header_ending_in_a_blank_continuation_line_is_rebuilt_without_an_early_empty_line()
    {
        var m = SipText.Request(Options.Replace("To: <sip:a@b>\n", "X-Note: folded\n  \nTo: <sip:a@b>\n", StringComparison.Ordinal));
        Assert.Equal("folded", m.GetHeader("X-Note"));
        var rebuilt = SipParser.Parse(m.ToBuilder().ToArray());
        Assert.True(rebuilt.Success, rebuilt.Error?.ToString());
        Assert.Equal("<sip:a@b>", rebuilt.Message!.GetHeader("To"));
        Assert.True(rebuilt.Message.Body.IsEmpty);
        MessageAssert.RoundTrips(m);
    }

    /// <summary>
    /// The framer read Content-Length line by line and refused a folded value (or one with more than ten digits)
    /// that the parser accepts, closing a connection that carried a valid message.
    /// </summary>
    [Theory]
    [InlineData("Content-Length: \r\n 0")]
    [InlineData("l:\r\n\t0")]
    [InlineData("Content-Length: 000000000000")]
    public void Framer_reads_content_length_with_the_parser_grammar(string header)
    {
        var bytes = SipText.Bytes(Options.Replace("Content-Length: 0", header, StringComparison.Ordinal));
        Assert.True(SipParser.Parse(bytes).Success);
        var framer = new SipStreamFramer();
        framer.Append(bytes);
        Assert.Equal(FrameKind.Message, framer.TryRead(out var frame, out var error));
        Assert.Equal(bytes, frame);
        Assert.Null(error);
    }

    /// <summary>
    /// "Contact: *" on one line and an address on another parsed, and then <c>IsWildcardContact</c> and
    /// <c>Contacts</c> disagreed (the address or the star was silently dropped). RFC 3261 §10.3 step 6 answers it
    /// with 400, as a grammar error.
    /// </summary>
    [Theory]
    [InlineData("Contact: *\nContact: <sip:bob@192.0.2.4>\n")]
    [InlineData("Contact: <sip:bob@192.0.2.4>\nContact: *\n")]
    [InlineData("Contact: *\nm: *\n")]
    public void Star_contact_with_another_contact_line_is_refused(string contacts)
    {
        var r = SipText.Parse(Options.Replace("Call-ID: abc\n", "Call-ID: abc\n" + contacts, StringComparison.Ordinal));
        Assert.False(r.Success);
        Assert.Equal(400, r.Error!.StatusCode);
        Assert.Contains("Contact", r.Error.Reason, StringComparison.Ordinal);
    }

    /// <summary>RFC 3261 §19.1.4 does not forbid a repeated parameter; equality must still be reflexive.</summary>
    [Fact]
    public void Uri_with_a_repeated_parameter_equals_an_identical_uri()
    {
        var text = "sip:alice@example.com;transport=tcp;transport=udp";
        Assert.Equal(SipUri.Parse(text), SipUri.Parse(text));
        Assert.NotEqual(SipUri.Parse(text), SipUri.Parse("sip:alice@example.com;transport=tcp;transport=sctp"));
    }

    [Fact]
    public void Headers_with_a_repeated_parameter_equal_identical_headers()
    {
        const string via = "SIP/2.0/UDP h.example.com;branch=z9hG4bK1;rport=5060;rport";
        Assert.True(Via.TryParse(via, out var a, out _));
        Assert.True(Via.TryParse(via, out var b, out _));
        Assert.Equal(a.Parameters, b.Parameters);
        const string from = "<sip:watson@example.com>;tag=one;tag=two";
        Assert.Equal(NameAddress.Parse(from), NameAddress.Parse(from));
        Assert.NotEqual(NameAddress.Parse(from), NameAddress.Parse("<sip:watson@example.com>;tag=one;tag=three"));
    }

    /// <summary>
    /// The framer counted the empty line into the header limit and the parser did not, so on a stream a message
    /// the parser accepts could be refused by a few bytes.
    /// </summary>
    [Fact]
    public void Framer_accepts_a_header_block_whose_empty_line_starts_at_the_header_limit()
    {
        var bytes = SipText.Bytes(Options);
        var limits = new ParserLimits { MaxHeaderBytes = bytes.AsSpan().IndexOf("\r\n\r\n"u8) + 2 };
        Assert.True(SipParser.Parse(bytes, limits).Success);
        var framer = new SipStreamFramer(limits);
        framer.Append(bytes);
        Assert.Equal(FrameKind.Message, framer.TryRead(out var frame, out var error));
        Assert.Equal(bytes, frame);
        Assert.Null(error);

        var tighter = new SipStreamFramer(limits with { MaxHeaderBytes = limits.MaxHeaderBytes - 1 });
        tighter.Append(bytes);
        Assert.Equal(FrameKind.Error, tighter.TryRead(out _, out _));
    }
}
