using System.Text;
using Cinema.Sip.Messages;
using Cinema.Sip.Parsing;

namespace Cinema.Sip.Tests.Parsing;

public class SipParserTests
{
    [Fact]
    public void Invite_with_sdp_is_parsed_with_typed_headers()
    {
        var m = SipText.Request(SipText.Invite);
        Assert.Equal(SipMethod.Invite, m.Method);
        Assert.Equal("sip:bob@biloxi.example.com", m.RequestUri.ToString());
        Assert.Equal("z9hG4bK74bf9", m.TopVia.Branch);
        Assert.Equal(70, m.MaxForwards);
        Assert.Equal("Alice", m.From.DisplayName);
        Assert.Equal("9fxced76sl", m.From.Tag);
        Assert.Null(m.To.Tag);
        Assert.Equal("3848276298220188511@atlanta.example.com", m.CallId);
        Assert.Equal(new CSeq(1, "INVITE"), m.CSeq);
        Assert.Equal("tcp", m.Contacts.Single().Uri.Transport);
        Assert.Equal(MediaType.Sdp, m.ContentType);
        Assert.Equal(151, m.Body.Length);
        Assert.StartsWith("v=0\r\n", Encoding.ASCII.GetString(m.Body.Span), StringComparison.Ordinal);
    }

    [Fact]
    public void Response_status_line_and_headers_are_parsed()
    {
        var r = SipText.Response("""
            SIP/2.0 180 Ringing
            Via: SIP/2.0/UDP a.example.com;branch=z9hG4bKx;received=192.0.2.1
            From: <sip:a@example.com>;tag=1
            To: <sip:b@example.com>;tag=2
            Call-ID: c1
            CSeq: 7 INVITE
            Content-Length: 0


            """);
        Assert.Equal(180, r.StatusCode);
        Assert.Equal("Ringing", r.ReasonPhrase);
        Assert.True(r.IsProvisional);
        Assert.Equal("INVITE", r.CSeq.Method);
        Assert.Equal("2", r.To.Tag);
    }

    [Fact]
    public void Compact_header_names_map_to_their_long_forms()
    {
        var m = SipText.Request("""
            OPTIONS sip:a@b SIP/2.0
            v: SIP/2.0/UDP h;branch=z9hG4bKq
            f: <sip:x@y>;tag=1
            t: <sip:a@b>
            i: abc
            CSeq: 1 OPTIONS
            m: <sip:x@10.0.0.1>
            k: path, outbound
            o: presence
            u: presence, dialog
            s: hello
            c: text/plain
            e: identity
            l: 2

            hi
            """);
        Assert.Equal("abc", m.CallId);
        Assert.Equal(["path", "outbound"], m.Supported);
        Assert.Equal("presence", m.Event!.Value);
        Assert.Equal(["presence", "dialog"], m.AllowEvents);
        Assert.Equal("hello", m.GetHeader("Subject"));
        Assert.Equal("hello", m.GetHeader("s"));
        Assert.Equal("text", m.ContentType!.Type);
        Assert.Equal("hi", Encoding.ASCII.GetString(m.Body.Span));
        Assert.Equal(HeaderKind.Via, m.Headers[0].Kind);
        Assert.Equal("Via", m.Headers[0].Name);
        Assert.Equal("v", Encoding.ASCII.GetString(m.Headers[0].RawName.Span));
    }

    [Fact]
    public void Header_names_are_case_insensitive_and_unknown_headers_keep_their_order()
    {
        var m = SipText.Request("""
            OPTIONS sip:a@b SIP/2.0
            VIA: SIP/2.0/UDP h;branch=z9hG4bKq
            X-First: 1
            fRoM: <sip:x@y>;tag=1
            To: <sip:a@b>
            X-Second: two
            cALL-id: abc
            cseq: 1 OPTIONS
            X-First: 3
            Content-Length: 0


            """);
        Assert.Equal(["1", "3"], m.GetHeaders("x-first"));
        var unknown = m.Headers.Where(h => h.Kind == HeaderKind.Unknown).Select(h => h.Name + "=" + h.Value);
        Assert.Equal(["X-First=1", "X-Second=two", "X-First=3"], unknown);
    }

    [Fact]
    public void Multi_value_headers_combine_lines_and_commas()
    {
        var m = SipText.Request("""
            INVITE sip:a@b SIP/2.0
            Via: SIP/2.0/UDP p1.example.com;branch=z9hG4bK1, SIP/2.0/TCP p2.example.com;branch=z9hG4bK2
            Via: SIP/2.0/UDP c.example.com;branch=z9hG4bK3
            Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>
            Route: <sip:p3.example.com;lr>
            Record-Route: <sip:rr@p1.example.com;lr>
            Path: <sip:edge.example.com;lr;ob>
            From: <sip:x@y>;tag=1
            To: <sip:a@b>
            Call-ID: abc
            CSeq: 1 INVITE
            Require: path
            Proxy-Require: foo, bar
            Allow: INVITE, ACK, BYE
            Accept: application/sdp;level=1, text/*
            Content-Length: 0


            """);
        Assert.Equal(["z9hG4bK1", "z9hG4bK2", "z9hG4bK3"], m.Vias.Select(v => v.Branch));
        Assert.Equal(["p1.example.com", "p2.example.com", "p3.example.com"], m.Routes.Select(r => r.Uri.Host));
        Assert.Equal("rr", m.RecordRoutes.Single().Uri.User);
        Assert.True(m.Paths.Single().Uri.Parameters.Contains("ob"));
        Assert.Equal(["path"], m.Require);
        Assert.Equal(["foo", "bar"], m.ProxyRequire);
        Assert.Equal(["INVITE", "ACK", "BYE"], m.Allow);
        Assert.Equal(2, m.Accept.Count);
        Assert.Equal("1", m.Accept[0].Parameters["level"]);
        Assert.True(m.Accept[1].Matches(new MediaType("text", "plain")));
    }

    [Fact]
    public void Contact_star_with_expires_zero_is_a_wildcard()
    {
        var m = SipText.Request(SipText.Register.Replace("Contact: <sip:bob@192.0.2.4>", "Contact: *", StringComparison.Ordinal).Replace("Expires: 7200", "Expires: 0", StringComparison.Ordinal));
        Assert.True(m.IsWildcardContact);
        Assert.Empty(m.Contacts);
        Assert.Equal(0, m.Expires);
    }

    [Fact]
    public void Authentication_headers_are_read_with_quoted_values_unquoted()
    {
        var m = SipText.Response("""
            SIP/2.0 401 Unauthorized
            Via: SIP/2.0/UDP h;branch=z9hG4bKq
            From: <sip:x@y>;tag=1
            To: <sip:x@y>;tag=2
            Call-ID: abc
            CSeq: 1 REGISTER
            WWW-Authenticate: Digest realm="example.com", qop="auth", nonce="n1, n2", algorithm=SHA-256
            WWW-Authenticate: Digest realm="example.com",qop="auth",nonce="n3",algorithm=MD5
            Authentication-Info: nextnonce="47364c23432d2e131a5fb210812c"
            Content-Length: 0


            """);
        Assert.Equal(2, m.WwwAuthenticate.Count);
        Assert.True(m.WwwAuthenticate[0].IsDigest);
        Assert.Equal("n1, n2", m.WwwAuthenticate[0].Parameters["nonce"]);
        Assert.Equal("SHA-256", m.WwwAuthenticate[0].Parameters["algorithm"]);
        Assert.Equal("MD5", m.WwwAuthenticate[1].Parameters["algorithm"]);
        Assert.Equal("47364c23432d2e131a5fb210812c", m.AuthenticationInfo!.Parameters["nextnonce"]);
    }

    [Fact]
    public void Event_state_reason_retry_after_date_and_min_expires_are_typed()
    {
        var m = SipText.Response("""
            SIP/2.0 503 Service Unavailable
            Via: SIP/2.0/UDP h;branch=z9hG4bKq
            From: <sip:x@y>;tag=1
            To: <sip:x@y>;tag=2
            Call-ID: abc
            CSeq: 1 SUBSCRIBE
            Event: dialog;id=7
            Subscription-State: active;expires=60
            Reason: SIP ;cause=200 ;text="Call completed elsewhere", Q.850;cause=16
            Retry-After: 120 (I'm in a meeting);duration=3600
            Date: Sat, 13 Nov 2010 23:29:00 GMT
            Min-Expires: 60
            Content-Length: 0


            """);
        Assert.Equal("7", m.Event!.Parameters["id"]);
        Assert.Equal("active", m.SubscriptionState!.Value);
        Assert.Equal(["SIP", "Q.850"], m.Reasons.Select(r => r.Value));
        Assert.Equal("Call completed elsewhere", m.Reasons[0].Parameters["text"]);
        Assert.Equal("120", m.RetryAfter!.Value);
        Assert.Equal("I'm in a meeting", m.RetryAfter.Comment);
        Assert.Equal("3600", m.RetryAfter.Parameters["duration"]);
        Assert.Equal(new DateTimeOffset(2010, 11, 13, 23, 29, 0, TimeSpan.Zero), m.Date);
        Assert.Equal(60, m.MinExpires);
    }

    [Fact]
    public void Leading_crlfs_are_ignored_and_bare_lf_line_ends_are_accepted()
    {
        var bytes = Encoding.ASCII.GetBytes("\r\n\r\nOPTIONS sip:a@b SIP/2.0\nVia: SIP/2.0/UDP h;branch=z9hG4bKq\nFrom: <sip:x@y>;tag=1\nTo: <sip:a@b>\nCall-ID: abc\nCSeq: 1 OPTIONS\nContent-Length: 0\n\n");
        var r = SipParser.Parse(bytes);
        Assert.True(r.Success, r.Error?.ToString());
        Assert.Equal(bytes.Length, r.Length);
    }

    [Fact]
    public void Missing_content_length_on_a_datagram_takes_the_rest_as_body()
    {
        var bytes = SipText.Bytes(SipText.Invite.Replace("Content-Length: 151\n", "", StringComparison.Ordinal));
        var m = SipParser.Parse(bytes).Message!;
        Assert.Equal(bytes.Length - bytes.AsSpan().IndexOf("\r\n\r\n"u8) - 4, m.Body.Length);
        Assert.Equal(m.Body.Length, m.ContentLength);
    }

    [Theory]
    [InlineData("INVITE sip:a@b SIP/2.0", 400, "end of start line")]
    [InlineData("INVITE sip:a@b SIP/2.0\nVia: SIP/2.0/UDP h\n", 400, "empty line")]
    [InlineData("", 400, "empty message")]
    [InlineData("INVITE  sip:a@b SIP/2.0\n\n", 400, "white space")]
    [InlineData("INVITE sip:a@b\n\n", 400, "request line")]
    [InlineData("INV@ITE sip:a@b SIP/2.0\n\n", 400, "method")]
    [InlineData("INVITE sip:a@b SIP/3.0\n\n", 505, "Version")]
    [InlineData("INVITE sip:a@b HTTP/1.1\n\n", 400, "version")]
    [InlineData("INVITE sip:a@b SIP/2.0\nVia SIP/2.0/UDP h\n\n", 400, "colon")]
    [InlineData("INVITE sip:a@b SIP/2.0\n continuation\n\n", 400, "continuation")]
    [InlineData("INVITE sip:a@b SIP/2.0\nBad Name: x\n\n", 400, "not a token")]
    [InlineData("SIP/2.0 99 Odd\n\n", 400, "status code")]
    [InlineData("SIP/2.0 2000 OK\n\n", 400, "status code")]
    [InlineData("SIP/2.0 200 O\u0001K\n\n", 400, "control character")]
    public void Malformed_start_lines_and_header_blocks_are_refused(string text, int status, string reason)
    {
        var r = SipText.Parse(text);
        Assert.False(r.Success);
        Assert.Equal(status, r.Error!.StatusCode);
        Assert.Contains(reason, r.Error.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Via: SIP/2.0/UDP h;branch=z9hG4bKq\n", "missing Via")]
    [InlineData("From: <sip:x@y>;tag=1\n", "missing From")]
    [InlineData("Call-ID: abc\n", "missing Call-ID")]
    [InlineData("CSeq: 1 OPTIONS\n", "missing CSeq")]
    public void Messages_without_a_mandatory_header_are_refused(string removed, string reason)
    {
        var r = SipText.Parse(Options.Replace(removed, "", StringComparison.Ordinal));
        Assert.Equal(400, r.Error!.StatusCode);
        Assert.Contains(reason, r.Error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Max-Forwards: 256", "Max-Forwards")]
    [InlineData("Max-Forwards: -1", "Max-Forwards")]
    [InlineData("Content-Length: 4294967296", "Content-Length")]
    [InlineData("Expires: soon", "Expires")]
    [InlineData("Call-ID: a b", "Call-ID")]
    [InlineData("Call-ID: abc@", "Call-ID")]
    [InlineData("Content-Type: sdp", "Content-Type")]
    [InlineData("Require: a b", "Require")]
    [InlineData("Authorization: Digest realm", "Authorization")]
    [InlineData("Date: Sat, 13 Nov 2010 23:29:00 EST", "Date")]
    [InlineData("To: <sip:a@b>, <sip:c@d>", "To")]
    [InlineData("Event: a, b", "Event")]
    [InlineData("Retry-After: (comment)", "Retry-After")]
    public void A_known_header_that_breaks_its_grammar_makes_the_message_invalid(string header, string name)
    {
        var r = SipText.Parse(Options.Replace("Content-Length: 0", header + "\nContent-Length: 0", StringComparison.Ordinal));
        Assert.False(r.Success);
        Assert.Equal(400, r.Error!.StatusCode);
        Assert.Contains(name, r.Error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_headers_are_never_checked()
    {
        var m = SipText.Request(Options.Replace("Content-Length: 0", "X-Anything: ;;<<\"\nContent-Length: 0", StringComparison.Ordinal));
        Assert.Equal(";;<<\"", m.GetHeader("X-Anything"));
    }

    [Fact]
    public void Limits_bound_header_count_line_length_and_size()
    {
        var many = Options.Replace("Content-Length: 0", string.Concat(Enumerable.Repeat("X-A: 1\n", 20)) + "Content-Length: 0", StringComparison.Ordinal);
        Assert.Contains("too many headers", SipText.Parse(many, new ParserLimits { MaxHeaderCount = 10 }).Error!.Reason, StringComparison.Ordinal);
        var longLine = Options.Replace("Content-Length: 0", "X-A: " + new string('a', 200) + "\nContent-Length: 0", StringComparison.Ordinal);
        Assert.Contains("too long", SipText.Parse(longLine, new ParserLimits { MaxLineBytes = 100 }).Error!.Reason, StringComparison.Ordinal);
        Assert.Contains("too large", SipText.Parse(Options, new ParserLimits { MaxMessageBytes = 50 }).Error!.Reason, StringComparison.Ordinal);
        Assert.Contains("too large", SipText.Parse(Options, new ParserLimits { MaxHeaderBytes = 50 }).Error!.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("OPTIONS sip:a@b SIP/2.0\r\n", MessageKind.Request)]
    [InlineData("\r\n\r\nSIP/2.0 200 OK\r\n", MessageKind.Response)]
    [InlineData("sip/2.0 180 Ringing", MessageKind.Response)]
    [InlineData("\u0001garbage", MessageKind.Request)]
    [InlineData("\r\n\r\n", MessageKind.Unknown)]
    [InlineData("", MessageKind.Unknown)]
    public void Peeking_tells_requests_from_responses_by_the_start_line_alone(string text, MessageKind kind) =>
        Assert.Equal(kind, SipParser.PeekKind(Encoding.ASCII.GetBytes(text)));

    [Fact]
    public void More_than_64_headers_are_indexed()
    {
        var text = Options.Replace("Content-Length: 0", string.Concat(Enumerable.Range(0, 150).Select(i => $"X-H{i}: {i}\n")) + "Content-Length: 0", StringComparison.Ordinal);
        var m = SipText.Request(text);
        Assert.Equal("149", m.GetHeader("X-H149"));
        Assert.Equal(156, m.Headers.Count);
    }

    [Fact]
    public void Parsed_message_writes_back_its_bytes()
    {
        var bytes = SipText.Bytes(SipText.Invite);
        Assert.Equal(bytes, SipParser.Parse(bytes).Message!.ToArray());
    }

    private const string Options = """
        OPTIONS sip:a@b SIP/2.0
        Via: SIP/2.0/UDP h;branch=z9hG4bKq
        From: <sip:x@y>;tag=1
        To: <sip:a@b>
        Call-ID: abc
        CSeq: 1 OPTIONS
        Content-Length: 0


        """;
}
