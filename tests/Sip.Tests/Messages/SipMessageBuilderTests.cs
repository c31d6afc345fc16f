using System.Text;
using Cinema.Sip.Messages;

namespace Cinema.Sip.Tests.Messages;

public class SipMessageBuilderTests
{
    [Fact]
    public void Response_for_a_request_copies_the_matching_headers_and_adds_a_to_tag()
    {
        var request = SipText.Request(SipText.Invite);
        var response = SipResponseBuilder.For(request, 180).WithToTag("abc").Build();
        Assert.Equal(180, response.StatusCode);
        Assert.Equal("Ringing", response.ReasonPhrase);
        Assert.Equal(request.TopVia.ToString(), response.TopVia.ToString());
        Assert.Equal(request.From, response.From);
        Assert.Equal("abc", response.To.Tag);
        Assert.Equal(request.CallId, response.CallId);
        Assert.Equal(request.CSeq, response.CSeq);
        Assert.Equal(0, response.ContentLength);
        Assert.Empty(response.Contacts);
    }

    [Fact]
    public void To_tag_already_in_the_request_is_kept()
    {
        var request = SipText.Request(SipText.Invite.Replace("To: Bob <sip:bob@biloxi.example.com>", "To: Bob <sip:bob@biloxi.example.com>;tag=keep", StringComparison.Ordinal));
        Assert.Equal("keep", SipResponseBuilder.For(request, 200).WithToTag("new").Build().To.Tag);
    }

    [Fact]
    public void Proxy_copy_prepends_via_pops_route_and_rewrites_max_forwards()
    {
        var request = SipText.Request(SipText.Invite.Replace("Max-Forwards: 70", "Max-Forwards: 70\nRoute: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>", StringComparison.Ordinal));
        var forwarded = request.ToBuilder()
            .Via(new Via("UDP", "proxy.example.com", 5060).WithParameter("branch", "z9hG4bKproxy"))
            .MaxForwards(request.MaxForwards!.Value - 1)
            .RemoveFirstValue(HeaderKind.Route)
            .PrependHeader(HeaderKind.RecordRoute, "<sip:proxy.example.com;lr>")
            .WithRequestUri(SipUri.Parse("sip:bob@192.0.2.4"))
            .Build();
        Assert.Equal("sip:bob@192.0.2.4", forwarded.RequestUri.ToString());
        Assert.Equal(["z9hG4bKproxy", "z9hG4bK74bf9"], forwarded.Vias.Select(v => v.Branch));
        Assert.Equal(69, forwarded.MaxForwards);
        Assert.Equal("p2.example.com", forwarded.Routes.Single().Uri.Host);
        Assert.Equal("proxy.example.com", forwarded.RecordRoutes.Single().Uri.Host);
        Assert.Equal(request.Body.ToArray(), forwarded.Body.ToArray());
        Assert.Equal(151, forwarded.ContentLength);
    }

    [Fact]
    public void Removing_the_last_route_value_removes_the_header()
    {
        var request = SipText.Request(SipText.Invite.Replace("Max-Forwards: 70", "Route: <sip:p1.example.com;lr>\nMax-Forwards: 70", StringComparison.Ordinal));
        Assert.Empty(request.ToBuilder().RemoveFirstValue(HeaderKind.Route).Build().Routes);
    }

    [Fact]
    public void Request_built_from_scratch_parses_back()
    {
        var request = new SipRequestBuilder(SipMethod.Message, SipUri.Parse("sip:bob@example.com"))
            .Via(new Via("TCP", "10.0.0.1", 5060).WithParameter("branch", "z9hG4bK1"))
            .MaxForwards(70)
            .From(NameAddress.Parse("<sip:alice@example.com>;tag=a"))
            .To(NameAddress.Parse("<sip:bob@example.com>"))
            .CallId("m1@10.0.0.1")
            .CSeq(1, SipMethod.Message)
            .AddHeader("X-Custom", "value")
            .WithBody("Hello Bob", "text/plain;charset=UTF-8")
            .Build();
        Assert.Equal("Hello Bob", Encoding.UTF8.GetString(request.Body.Span));
        Assert.Equal("UTF-8", request.ContentType!.Parameters["charset"]);
        Assert.Equal("value", request.GetHeader("x-custom"));
        Assert.Equal(9, request.ContentLength);
    }

    [Fact]
    public void Header_values_with_line_breaks_are_refused_to_prevent_injection()
    {
        var b = new SipResponseBuilder(200);
        Assert.Throws<ArgumentException>(() => b.AddHeader("X-Evil", "a\r\nVia: SIP/2.0/UDP attacker"));
        Assert.Throws<ArgumentException>(() => b.AddHeader("X-Evil: a", "b"));
    }

    [Fact]
    public void Building_an_invalid_message_fails_loudly()
    {
        var b = new SipResponseBuilder(200).AddHeader(HeaderKind.CSeq, "not a cseq");
        var error = Assert.Throws<InvalidOperationException>(() => b.Build());
        Assert.Contains("CSeq", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Set_header_replaces_every_line_of_that_header()
    {
        var request = SipText.Request(SipText.Invite.Replace("Max-Forwards: 70", "Max-Forwards: 70\nX-A: 1\nX-A: 2", StringComparison.Ordinal));
        var rebuilt = request.ToBuilder().SetHeader("x-a", "3").Build();
        Assert.Equal(["3"], rebuilt.GetHeaders("X-A"));
    }

    [Fact]
    public void Response_via_records_the_real_source_address_and_port()
    {
        var request = SipText.Request(SipText.Invite.Replace(";branch=z9hG4bK74bf9", ";branch=z9hG4bK74bf9;rport", StringComparison.Ordinal));
        var response = SipResponseBuilder.For(request, 200).WithReceivedFrom(new System.Net.IPEndPoint(System.Net.IPAddress.Parse("198.51.100.7"), 40123)).Build();
        Assert.Equal("198.51.100.7", response.TopVia.Received);
        Assert.Equal(40123, response.TopVia.RPort);
        Assert.Equal("z9hG4bK74bf9", response.TopVia.Branch);
    }

    [Fact]
    public void Response_via_is_left_alone_when_the_source_is_the_sent_by_address()
    {
        var request = SipText.Request(SipText.Register.Replace("bobspc.biloxi.example.com:5060", "192.0.2.4:5060", StringComparison.Ordinal));
        var response = SipResponseBuilder.For(request, 200).WithReceivedFrom(new System.Net.IPEndPoint(System.Net.IPAddress.Parse("192.0.2.4"), 5060)).Build();
        Assert.Equal(request.TopVia.ToString(), response.TopVia.ToString());
    }

    [Theory]
    [InlineData(180, null, "SIP/2.0 180 Ringing")]
    [InlineData(486, null, "SIP/2.0 486 Busy Here")]
    [InlineData(486, "Busy Here Now", "SIP/2.0 486 Busy Here Now")]
    [InlineData(180, "Klingelt \u00fcberall", "SIP/2.0 180 Klingelt \u00fcberall")]
    public void Response_start_line_carries_the_status_and_its_reason_phrase(int status, string? reason, string expected)
    {
        var request = SipText.Request(SipText.Invite);
        // Twice: the usual start line is kept for the next response with the same code, and must not leak into others.
        for (var i = 0; i < 2; i++)
        {
            var bytes = SipResponseBuilder.For(request, status, reason).ToArray();
            Assert.Equal(expected, Encoding.UTF8.GetString(bytes).Split("\r\n")[0]);
        }
    }

    [Fact]
    public void Request_start_line_is_the_received_one_or_the_new_request_uri()
    {
        var request = SipText.Request(SipText.Invite);
        var copied = Encoding.UTF8.GetString(request.ToBuilder().ToArray()).Split("\r\n")[0];
        var retargeted = Encoding.UTF8.GetString(request.ToBuilder().WithRequestUri(SipUri.Parse("sip:carol@192.0.2.4;transport=tcp")).ToArray()).Split("\r\n")[0];

        Assert.Equal("INVITE sip:bob@biloxi.example.com SIP/2.0", copied);
        Assert.Equal("INVITE sip:carol@192.0.2.4;transport=tcp SIP/2.0", retargeted);
    }

    [Theory]
    [InlineData("Call-ID", HeaderKind.CallId)]
    [InlineData("call-id", HeaderKind.CallId)]
    [InlineData("i", HeaderKind.CallId)]
    [InlineData("V", HeaderKind.Via)]
    [InlineData("Record-Route", HeaderKind.RecordRoute)]
    [InlineData("X-Custom", HeaderKind.Unknown)]
    [InlineData("C\u00f6ntact", HeaderKind.Unknown)]
    [InlineData("", HeaderKind.Unknown)]
    [InlineData("A-Header-Name-Far-Longer-Than-Any-Known-One", HeaderKind.Unknown)]
    public void Header_kind_of_a_name_given_as_text(string name, HeaderKind kind)
    {
        Assert.Equal(kind, HeaderNames.KindOf(name));
        HeaderNames.KindOf(name);
        var before = GC.GetAllocatedBytesForCurrentThread();
        HeaderNames.KindOf(name);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
