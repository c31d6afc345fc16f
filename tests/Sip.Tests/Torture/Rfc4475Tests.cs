using Cinema.Sip.Messages;
using Cinema.Sip.Parsing;
using Cinema.Sip.Validation;

using Cinema.Tests.Corpus;

namespace Cinema.Sip.Tests.Torture;

/// <summary>
/// RFC 4475 torture messages, read as bytes, with the handling the RFC describes (see the corpus README).
/// Expected: 0 = accepted for processing, -1 = dropped (a malformed response), otherwise the status to answer.
/// </summary>
public class Rfc4475Tests
{
    private const int Accept = 0;
    private const int Drop = -1;

    /// <summary>
    /// Every file and the verdict a server gives it. test.dat is in the RFC's archive but described by no section,
    /// so it has no expectation (the README says so).
    /// </summary>
    public static readonly TheoryData<string, ValidationRole, int> Cases = new()
    {
        // §3.1.1 valid messages
        { "wsinv.dat", ValidationRole.UserAgentServer, Accept },
        { "intmeth.dat", ValidationRole.Proxy, Accept },
        { "esc01.dat", ValidationRole.UserAgentServer, Accept },
        { "escnull.dat", ValidationRole.Registrar, Accept },
        { "esc02.dat", ValidationRole.Proxy, Accept },
        { "lwsdisp.dat", ValidationRole.UserAgentServer, Accept },
        { "longreq.dat", ValidationRole.UserAgentServer, Accept },
        { "dblreq.dat", ValidationRole.Registrar, Accept },
        { "semiuri.dat", ValidationRole.UserAgentServer, Accept },
        { "transports.dat", ValidationRole.UserAgentServer, Accept },
        { "mpart01.dat", ValidationRole.Proxy, Accept },
        { "unreason.dat", ValidationRole.Proxy, Accept },
        { "noreason.dat", ValidationRole.Proxy, Accept },
        // §3.1.2 invalid messages
        { "badinv01.dat", ValidationRole.UserAgentServer, 400 },
        { "clerr.dat", ValidationRole.UserAgentServer, 400 },
        { "ncl.dat", ValidationRole.UserAgentServer, 400 },
        { "scalar02.dat", ValidationRole.Registrar, 400 },
        { "scalarlg.dat", ValidationRole.Proxy, Drop },
        { "quotbal.dat", ValidationRole.UserAgentServer, 400 },
        { "ltgtruri.dat", ValidationRole.UserAgentServer, 400 },
        { "lwsruri.dat", ValidationRole.UserAgentServer, 400 },
        { "lwsstart.dat", ValidationRole.UserAgentServer, 400 },
        { "trws.dat", ValidationRole.UserAgentServer, 400 },
        { "escruri.dat", ValidationRole.UserAgentServer, 400 },
        { "baddate.dat", ValidationRole.UserAgentServer, 400 },
        { "regbadct.dat", ValidationRole.Registrar, 400 },
        { "badaspec.dat", ValidationRole.UserAgentServer, 400 },
        { "baddn.dat", ValidationRole.UserAgentServer, 400 },
        { "badvers.dat", ValidationRole.UserAgentServer, 505 },
        { "mismatch01.dat", ValidationRole.UserAgentServer, 400 },
        { "mismatch02.dat", ValidationRole.UserAgentServer, 400 },
        { "bigcode.dat", ValidationRole.Proxy, Drop },
        // §3.2 transaction layer: parsed; the branch is not RFC 3261 style, so matching falls back (see Badbranch test)
        { "badbranch.dat", ValidationRole.UserAgentServer, Accept },
        // §3.3 application layer
        { "insuf.dat", ValidationRole.UserAgentServer, 400 },
        { "unkscm.dat", ValidationRole.UserAgentServer, 416 },
        { "novelsc.dat", ValidationRole.Proxy, 416 },
        { "unksm2.dat", ValidationRole.Registrar, 416 },
        { "bext01.dat", ValidationRole.UserAgentServer, 420 },
        { "invut.dat", ValidationRole.UserAgentServer, 415 },
        { "regaut01.dat", ValidationRole.Registrar, Accept },
        { "multi01.dat", ValidationRole.UserAgentServer, 400 },
        { "mcl01.dat", ValidationRole.UserAgentServer, 400 },
        { "bcast.dat", ValidationRole.Proxy, Accept },
        { "zeromf.dat", ValidationRole.Proxy, 483 },
        { "cparam01.dat", ValidationRole.Registrar, Accept },
        { "cparam02.dat", ValidationRole.Registrar, Accept },
        { "regescrt.dat", ValidationRole.Registrar, Accept },
        { "sdp01.dat", ValidationRole.UserAgentServer, 406 },
        // §3.4 backward compatibility
        { "inv2543.dat", ValidationRole.UserAgentServer, Accept },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Torture_message_gets_the_handling_rfc4475_describes(string file, ValidationRole role, int expected)
    {
        var bytes = TortureCorpus.Read("rfc4475", file);
        var verdict = TortureVerdict.Of(bytes, role, out var reason);
        Assert.True(expected == verdict, $"{file}: expected {expected}, got {verdict} ({reason})");
        if (verdict > 0) Assert.False(string.IsNullOrWhiteSpace(reason), $"{file}: a refusal must say why");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Accepted_torture_message_round_trips_through_the_builder(string file, ValidationRole role, int expected)
    {
        _ = role;
        var bytes = TortureCorpus.Read("rfc4475", file);
        var result = SipParser.Parse(bytes);
        if (expected != Accept)
        {
            Assert.True(expected > 0 || !result.Success || result.Kind == MessageKind.Response);
            return;
        }
        MessageAssert.RoundTrips(result.Message!);
    }

    [Fact]
    public void Every_file_in_the_corpus_has_an_expectation()
    {
        Assert.SkipWhen(TortureCorpus.Directory is null, "The RFC torture corpus is not available (see TortureCorpus).");
        var listed = Cases.Select(row => (string)row.Data.Item1).ToHashSet();
        var unlisted = TortureCorpus.Files("rfc4475").Where(f => !listed.Contains(f) && f != "test.dat").ToList();
        Assert.Empty(unlisted);
    }

    [Fact]
    public void Corrected_baddn_is_refused_for_its_display_name()
    {
        var result = SipParser.Parse(TortureCorpus.Read(Path.Combine("rfc4475", "variant-baddn-with-final-crlf"), "baddn.dat"));
        Assert.False(result.Success);
        Assert.Equal(400, result.Error!.StatusCode);
        Assert.Contains("display name", result.Error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Wsinv_values_survive_folding_and_odd_white_space()
    {
        var m = (SipRequest)SipParser.Parse(TortureCorpus.Read("rfc4475", "wsinv.dat")).Message!;
        Assert.Equal("J Rosenberg \\\"", m.From.DisplayName);
        Assert.Equal("98asjd8", m.From.Tag);
        Assert.Equal("1918181833n", m.To.Tag);
        Assert.Equal(68, m.MaxForwards);
        Assert.Equal(new CSeq(9, "INVITE"), m.CSeq);
        Assert.Equal(3, m.Vias.Count);
        Assert.Equal("TCP", m.Vias[1].Transport);
        Assert.Equal("spindle.example.com", m.Vias[1].Host);
        Assert.Equal("z9hG4bK30239", m.Vias[2].Branch);
        Assert.Equal("Quoted string \"\"", m.Contacts[0].DisplayName);
        Assert.Equal("0.33", m.Contacts[0].Parameters["q"]);
        Assert.Equal("newvalue", m.Contacts[0].Parameters["newparam"]);
        Assert.True(m.Routes[0].Uri.IsLooseRouter);
        Assert.Equal("newfangled value continued newfangled value", m.GetHeader("NewFangledHeader"));
        Assert.Equal(";;,,;;,;", m.GetHeader("UnknownHeaderWithUnusualValue"));
        Assert.Equal(150, m.Body.Length);
    }

    [Fact]
    public void Intmeth_keeps_every_token_character_of_the_method()
    {
        var m = (SipRequest)SipParser.Parse(TortureCorpus.Read("rfc4475", "intmeth.dat")).Message!;
        Assert.Equal("!interesting-Method0123456789_*+`.%indeed'~", m.Method);
        Assert.Equal("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", m.RequestUri.User);
        Assert.Equal("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)", m.RequestUri.Password);
        Assert.Equal("BEL:\a NUL:\0 DEL:\u007f", m.To.DisplayName);
        Assert.Equal("token1~` token2'+_ token3*%!.-", m.From.DisplayName);
        Assert.Equal("\u0440\u0430\u0431\u043e\u0442\u0430\u044e\u0449\u0438\u0439", m.From.Parameters["fromParam''~+*_!.-%"]);
        Assert.Equal("_token~1'+`*%!-.", m.From.Tag);
        Assert.Equal("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{", m.CallId);
    }

    [Fact]
    public void Escapes_in_uris_are_decoded_and_nul_survives()
    {
        var esc = (SipRequest)SipParser.Parse(TortureCorpus.Read("rfc4475", "esc01.dat")).Message!;
        Assert.Equal("sips:user@example.com", esc.RequestUri.User);
        Assert.Equal("user", esc.To.Uri.User);
        Assert.Equal("I have spaces", esc.From.Uri.User);
        Assert.Equal("caller", esc.Contacts[0].Uri.User);
        Assert.Equal("value%41", esc.Contacts[0].Uri.Parameters["name"]);
        Assert.True(esc.Contacts[0].Uri.Parameters.Contains("lr"));

        var nul = SipParser.Parse(TortureCorpus.Read("rfc4475", "escnull.dat")).Message!;
        Assert.Equal("null-\0-null", nul.To.Uri.User);
        Assert.Equal(["\0", "\0\0"], nul.Contacts.Select(c => c.Uri.User));
    }

    [Fact]
    public void Dblreq_uses_only_the_first_request_of_the_datagram()
    {
        var bytes = TortureCorpus.Read("rfc4475", "dblreq.dat");
        var result = SipParser.Parse(bytes);
        Assert.Equal(SipMethod.Register, ((SipRequest)result.Message!).Method);
        Assert.True(result.Length < bytes.Length);
        Assert.Equal(0, result.Message!.Body.Length);
    }

    [Fact]
    public void Semicolon_in_the_user_part_stays_in_the_user()
    {
        var m = (SipRequest)SipParser.Parse(TortureCorpus.Read("rfc4475", "semiuri.dat")).Message!;
        Assert.Equal("user;par=u@example.net", m.RequestUri.User);
        Assert.Equal("example.com", m.RequestUri.Host);
        Assert.Empty(m.RequestUri.Parameters);
        Assert.Equal(6, m.Accept.Count);
    }

    [Fact]
    public void Transports_keeps_unknown_via_transports()
    {
        var m = SipParser.Parse(TortureCorpus.Read("rfc4475", "transports.dat")).Message!;
        Assert.Equal(["UDP", "SCTP", "TLS", "UNKNOWN", "TCP"], m.Vias.Select(v => v.Transport));
    }

    [Fact]
    public void Multipart_body_with_binary_part_is_kept_byte_for_byte()
    {
        var bytes = TortureCorpus.Read("rfc4475", "mpart01.dat");
        var m = SipParser.Parse(bytes).Message!;
        Assert.Equal("multipart", m.ContentType!.Type);
        Assert.Equal(bytes.AsSpan(bytes.Length - m.Body.Length).ToArray(), m.Body.ToArray());
    }

    [Fact]
    public void Unusual_reason_phrases_are_kept()
    {
        var utf8 = (SipResponse)SipParser.Parse(TortureCorpus.Read("rfc4475", "unreason.dat")).Message!;
        Assert.Equal(200, utf8.StatusCode);
        Assert.StartsWith("= 2**3 * 5**2 \u043d\u043e \u0441\u0442\u043e", utf8.ReasonPhrase, StringComparison.Ordinal);
        var empty = (SipResponse)SipParser.Parse(TortureCorpus.Read("rfc4475", "noreason.dat")).Message!;
        Assert.Equal(100, empty.StatusCode);
        Assert.Equal("", empty.ReasonPhrase);
    }

    [Fact]
    public void Badbranch_is_parsed_but_not_treated_as_an_rfc3261_branch()
    {
        var m = SipParser.Parse(TortureCorpus.Read("rfc4475", "badbranch.dat")).Message!;
        Assert.Equal("z9hG4bK", m.TopVia.Branch);
        Assert.False(m.TopVia.HasRfc3261Branch);
    }

    [Fact]
    public void Bext01_lists_the_unsupported_extensions()
    {
        var m = (SipRequest)SipParser.Parse(TortureCorpus.Read("rfc4475", "bext01.dat")).Message!;
        var proxy = TortureVerdict.Validator.Validate(m, ValidationRole.Proxy)!;
        Assert.Equal(420, proxy.StatusCode);
        Assert.Equal("noProxiesSupportThis, norDoAnyProxiesSupportThis", proxy.Headers.Single().Value);
        var uas = TortureVerdict.Validator.Validate(m, ValidationRole.UserAgentServer)!;
        Assert.Equal(4, uas.Headers.Single().Value.Split(", ").Length);
    }

    [Fact]
    public void Regaut01_credentials_of_an_unknown_scheme_are_not_digest()
    {
        var m = SipParser.Parse(TortureCorpus.Read("rfc4475", "regaut01.dat")).Message!;
        var credentials = Assert.Single(m.Authorization);
        Assert.Equal("NoOneKnowsThisScheme", credentials.Scheme);
        Assert.False(credentials.IsDigest);
    }

    [Fact]
    public void Bcast_response_has_the_broadcast_address_in_its_second_via()
    {
        var m = SipParser.Parse(TortureCorpus.Read("rfc4475", "bcast.dat")).Message!;
        Assert.Equal("255.255.255.255", m.Vias[1].Host);
    }

    [Fact]
    public void Contact_parameters_belong_to_the_header_without_brackets_and_to_the_uri_within_them()
    {
        var outside = SipParser.Parse(TortureCorpus.Read("rfc4475", "cparam01.dat")).Message!.Contacts.Single();
        Assert.True(outside.Parameters.Contains("unknownparam"));
        Assert.False(outside.Uri.Parameters.Contains("unknownparam"));
        var inside = SipParser.Parse(TortureCorpus.Read("rfc4475", "cparam02.dat")).Message!.Contacts.Single();
        Assert.False(inside.Parameters.Contains("unknownparam"));
        Assert.True(inside.Uri.Parameters.Contains("unknownparam"));
    }

    [Fact]
    public void Regescrt_contact_keeps_its_escaped_header()
    {
        var contact = SipParser.Parse(TortureCorpus.Read("rfc4475", "regescrt.dat")).Message!.Contacts.Single();
        Assert.Equal("<sip:sip.example.com>", contact.Uri.Headers["Route"]);
        Assert.Equal("sip:user@example.com?Route=%3Csip:sip.example.com%3E", contact.Uri.ToString());
    }

    [Fact]
    public void Inv2543_is_accepted_without_branch_or_max_forwards()
    {
        var m = SipParser.Parse(TortureCorpus.Read("rfc4475", "inv2543.dat")).Message!;
        Assert.Null(m.TopVia.Branch);
        Assert.Null(m.MaxForwards);
        Assert.Null(m.From.Tag);
        Assert.Equal("phone", m.From.Uri.Parameters["user"]);
    }

    [Fact]
    public void Malformed_requests_get_an_error_response_that_names_the_problem()
    {
        var result = SipParser.Parse(TortureCorpus.Read("rfc4475", "multi01.dat"));
        var response = SipParser.Parse(ErrorResponse.Create(result)!).Response!;
        Assert.Equal(400, response.StatusCode);
        Assert.Equal(result.Error!.Reason, response.ReasonPhrase);
        Assert.Equal("z9hG4bKkdjuw", response.TopVia.Branch);
    }

    [Fact]
    public void Malformed_responses_get_no_error_response()
    {
        var result = SipParser.Parse(TortureCorpus.Read("rfc4475", "scalarlg.dat"));
        Assert.Equal(MessageKind.Response, result.Kind);
        Assert.Null(ErrorResponse.Create(result));
    }
}
