using Cinema.Sip.Auth;

namespace Cinema.Sip.Tests.Auth;

public class DigestChallengeTests
{
    private const string Rfc7616Challenge =
        "Digest\r\n realm=\"http-auth@example.org\",\r\n qop=\"auth, auth-int\",\r\n algorithm=SHA-256,\r\n" +
        " nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\",\r\n opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";

    [Fact]
    public void RFC_7616_challenge_parses_into_its_fields()
    {
        Assert.True(DigestChallenge.TryParse(Rfc7616Challenge, out var challenge, out var error), error);

        Assert.Equal("http-auth@example.org", challenge.Realm);
        Assert.Equal("7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", challenge.Nonce);
        Assert.Equal("FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", challenge.Opaque);
        Assert.Same(DigestAlgorithm.Sha256, challenge.Algorithm);
        Assert.Equal([DigestQop.Auth, DigestQop.AuthInt], challenge.QopOptions);
        Assert.False(challenge.Stale);
        Assert.False(challenge.UserHash);
    }

    [Fact]
    public void Challenge_built_from_parser_parameters_is_equivalent_to_parsing_the_header()
    {
        KeyValuePair<string, string?>[] parameters =
        [
            new("REALM", "biloxi.com"),
            new("nonce", "abc"),
            new("qop", "auth"),
            new("stale", "TRUE"),
            new("domain", "sip:biloxi.com sip:ss1.biloxi.com"),
        ];

        Assert.True(DigestChallenge.TryCreate("digest", parameters, out var challenge, out var error), error);

        Assert.Equal("biloxi.com", challenge.Realm);
        Assert.True(challenge.Stale);
        Assert.Same(DigestAlgorithm.Md5, challenge.Algorithm);
        Assert.Equal(["sip:biloxi.com", "sip:ss1.biloxi.com"], challenge.Domain);
    }

    [Fact]
    public void Formatting_quotes_realm_nonce_opaque_domain_and_qop_but_not_tokens()
    {
        var challenge = new DigestChallenge
        {
            Realm = "biloxi.com",
            Nonce = "n1",
            Opaque = "op",
            Domain = ["sip:biloxi.com"],
            Stale = true,
            Algorithm = DigestAlgorithm.Sha512T256,
            QopOptions = [DigestQop.Auth, DigestQop.AuthInt],
            Charset = "UTF-8",
            UserHash = true,
        };

        Assert.Equal(
            "Digest realm=\"biloxi.com\", domain=\"sip:biloxi.com\", nonce=\"n1\", opaque=\"op\", stale=true, " +
            "algorithm=SHA-512-256, qop=\"auth,auth-int\", charset=UTF-8, userhash=true",
            challenge.ToHeaderValue());
    }

    [Fact]
    public void Format_then_parse_round_trips_every_field()
    {
        var original = new DigestChallenge
        {
            Realm = "a \"quoted\" realm \\ with backslash",
            Nonce = "n+/=",
            Opaque = "o",
            Domain = ["sip:a.example", "sip:b.example"],
            Stale = true,
            Algorithm = DigestAlgorithm.Sha256Sess,
            QopOptions = [DigestQop.AuthInt],
            Charset = "UTF-8",
            UserHash = true,
        };

        Assert.True(DigestChallenge.TryParse(original.ToHeaderValue(), out var parsed, out var error), error);

        Assert.Equal(original.Realm, parsed.Realm);
        Assert.Equal(original.Nonce, parsed.Nonce);
        Assert.Equal(original.Opaque, parsed.Opaque);
        Assert.Equal(original.Domain, parsed.Domain);
        Assert.Equal(original.Stale, parsed.Stale);
        Assert.Same(original.Algorithm, parsed.Algorithm);
        Assert.Equal(original.QopOptions, parsed.QopOptions);
        Assert.Equal(original.Charset, parsed.Charset);
        Assert.Equal(original.UserHash, parsed.UserHash);
        Assert.Equal(original.ToHeaderValue(), parsed.ToHeaderValue());
    }

    [Fact]
    public void Unknown_parameters_and_qop_options_are_ignored()
    {
        Assert.True(DigestChallenge.TryParse("Digest realm=\"r\", nonce=\"n\", qop=\"auth-conf,auth\", foo=bar", out var challenge, out var error), error);

        Assert.Equal([DigestQop.Auth], challenge.QopOptions);
    }

    [Fact]
    public void Empty_list_elements_and_spaces_around_equals_are_tolerated()
    {
        Assert.True(DigestChallenge.TryParse("Digest , realm = \"r\" ,, nonce=\"n\", charset=utf-8,", out var challenge, out var error), error);

        Assert.Equal("r", challenge.Realm);
        Assert.Equal("UTF-8", challenge.Charset);
    }

    [Fact]
    public void Stale_other_than_true_means_false()
    {
        Assert.True(DigestChallenge.TryParse("Digest realm=\"r\", nonce=\"n\", stale=FALSE", out var challenge, out _));

        Assert.False(challenge.Stale);
    }

    [Theory]
    [InlineData(null, "missing")]
    [InlineData("", "missing authentication scheme")]
    [InlineData("Basic realm=\"r\"", "not Digest")]
    [InlineData("Digest nonce=\"n\"", "missing 'realm'")]
    [InlineData("Digest realm=\"r\"", "missing 'nonce'")]
    [InlineData("Digest realm=\"r\", nonce=\"\"", "'nonce' is empty")]
    [InlineData("Digest realm=\"r\", nonce=\"n\", algorithm=AKAv1-MD5", "unsupported algorithm 'AKAv1-MD5'")]
    [InlineData("Digest realm=\"r\", realm=\"s\", nonce=\"n\"", "duplicate parameter 'realm'")]
    [InlineData("Digest realm=\"r, nonce=\"n\"", "expected ','")]
    [InlineData("Digest realm=\"r\", nonce=\"n", "unterminated quoted string")]
    [InlineData("Digest realm", "no '=' and value")]
    [InlineData("Digest realm=", "empty or invalid value")]
    [InlineData("Digest =x", "expected a parameter name")]
    [InlineData("Digest realm=\"r\", nonce=\"n\", qop=\"auth-conf\"", "no supported qop")]
    [InlineData("Digest realm=\"r\", nonce=\"n\", charset=ISO-8859-1", "unsupported charset")]
    [InlineData("Digest realm=\"r\", nonce=\"n\", algorithm=MD5-sess", "requires qop")]
    [InlineData("Digest realm=\"a\u0000b\", nonce=\"n\"", "control character")]
    [InlineData("Digest realm=\"r\" nonce=\"n\"", "expected ','")]
    public void Malformed_challenge_is_refused_with_a_reason(string? header, string reasonFragment)
    {
        Assert.False(DigestChallenge.TryParse(header, out var challenge, out var error));

        Assert.Null(challenge);
        Assert.Contains(reasonFragment, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlong_header_is_refused_without_throwing()
    {
        var header = "Digest realm=\"" + new string('x', 10_000) + "\", nonce=\"n\"";

        Assert.False(DigestChallenge.TryParse(header, out _, out var error));
        Assert.Contains("longer than", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parameter_with_null_value_from_the_parser_is_refused()
    {
        KeyValuePair<string, string?>[] parameters = [new("realm", null), new("nonce", "n")];

        Assert.False(DigestChallenge.TryCreate("Digest", parameters, out _, out var error));
        Assert.Contains("has no value", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_with_line_breaks_cannot_be_set_in_code()
    {
        Assert.Throws<ArgumentException>(() => new DigestChallenge { Realm = "r\r\nVia: evil", Nonce = "n" });
    }
}
