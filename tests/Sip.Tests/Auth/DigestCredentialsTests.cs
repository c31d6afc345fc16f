using Cinema.Sip.Auth;

namespace Cinema.Sip.Tests.Auth;

public class DigestCredentialsTests
{
    private const string Rfc7616Authorization =
        "Digest username=\"Mufasa\",\r\n realm=\"http-auth@example.org\",\r\n uri=\"/dir/index.html\",\r\n algorithm=MD5,\r\n" +
        " nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\",\r\n nc=00000001,\r\n" +
        " cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\",\r\n qop=auth,\r\n" +
        " response=\"8ca523f5e9506fed4657c9700eebdbec\",\r\n opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";

    [Fact]
    public void RFC_7616_authorization_parses_into_its_fields()
    {
        Assert.True(DigestCredentials.TryParse(Rfc7616Authorization, out var credentials, out var error), error);

        Assert.Equal("Mufasa", credentials.Username);
        Assert.Equal("http-auth@example.org", credentials.Realm);
        Assert.Equal("/dir/index.html", credentials.Uri);
        Assert.Same(DigestAlgorithm.Md5, credentials.Algorithm);
        Assert.Equal("00000001", credentials.NonceCount);
        Assert.Equal(1u, credentials.NonceCountValue);
        Assert.Equal(DigestQop.Auth, credentials.Qop);
        Assert.Equal("8ca523f5e9506fed4657c9700eebdbec", credentials.Response);
        Assert.Equal("FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", credentials.Opaque);
        Assert.False(credentials.UserHash);
    }

    [Fact]
    public void Formatting_quotes_strings_and_leaves_algorithm_qop_nc_and_userhash_bare()
    {
        var credentials = new DigestCredentials
        {
            Username = "bob",
            Realm = "biloxi.com",
            Nonce = "n",
            Uri = "sip:bob@biloxi.com",
            Response = "89eb0059246c02b2f6ee02c7961d5ea3",
            Cnonce = "c",
            Opaque = "o",
            Qop = DigestQop.AuthInt,
            NonceCount = "0000000a",
            UserHash = true,
        };

        Assert.Equal(
            "Digest username=\"bob\", realm=\"biloxi.com\", nonce=\"n\", uri=\"sip:bob@biloxi.com\", " +
            "response=\"89eb0059246c02b2f6ee02c7961d5ea3\", algorithm=MD5, cnonce=\"c\", opaque=\"o\", " +
            "qop=auth-int, nc=0000000a, userhash=true",
            credentials.ToHeaderValue());
    }

    [Fact]
    public void Format_then_parse_round_trips_every_field()
    {
        Assert.True(DigestCredentials.TryParse(Rfc7616Authorization, out var original, out _));

        Assert.True(DigestCredentials.TryParse(original.ToHeaderValue(), out var parsed, out var error), error);

        Assert.Equal(original.ToHeaderValue(), parsed.ToHeaderValue());
        Assert.Equal(original.Cnonce, parsed.Cnonce);
        Assert.Equal(original.Nonce, parsed.Nonce);
    }

    [Fact]
    public void Credentials_from_parser_parameters_accept_sloppy_quoting_and_case()
    {
        KeyValuePair<string, string?>[] parameters =
        [
            new("Username", "bob"),
            new("realm", "biloxi.com"),
            new("nonce", "n"),
            new("uri", "sip:bob@biloxi.com"),
            new("response", "89EB0059246C02B2F6EE02C7961D5EA3"),
            new("ALGORITHM", "md5"),
            new("qop", "AUTH"),
            new("nc", "0000000A"),
            new("cnonce", "c"),
        ];

        Assert.True(DigestCredentials.TryCreate("DIGEST", parameters, out var credentials, out var error), error);

        Assert.Equal(DigestQop.Auth, credentials.Qop);
        Assert.Equal(10u, credentials.NonceCountValue);
        Assert.Equal("0000000A", credentials.NonceCount);
    }

    [Fact]
    public void Unquoted_sip_uri_from_a_lenient_peer_is_accepted()
    {
        const string header = "Digest username=\"bob\", realm=\"biloxi.com\", nonce=\"n\", uri=sip:bob@biloxi.com, response=\"89eb0059246c02b2f6ee02c7961d5ea3\"";

        Assert.True(DigestCredentials.TryParse(header, out var credentials, out var error), error);

        Assert.Equal("sip:bob@biloxi.com", credentials.Uri);
        Assert.Null(credentials.Qop);
    }

    [Fact]
    public void Username_star_is_decoded_as_UTF_8()
    {
        const string header = "Digest username*=UTF-8''J%C3%A4s%C3%B8n%20Doe, realm=\"api@example.org\", nonce=\"n\", uri=\"/doe.json\", response=\"89eb0059246c02b2f6ee02c7961d5ea3\"";

        Assert.True(DigestCredentials.TryParse(header, out var credentials, out var error), error);

        Assert.Equal("J\u00e4s\u00f8n Doe", credentials.Username);
    }

    [Theory]
    [InlineData("Digest realm=\"r\", nonce=\"n\", uri=\"u\", response=\"89eb0059246c02b2f6ee02c7961d5ea3\"", "missing 'username'")]
    [InlineData("Digest username=\"b\", nonce=\"n\", uri=\"u\", response=\"89eb0059246c02b2f6ee02c7961d5ea3\"", "missing 'realm'")]
    [InlineData("Digest username=\"b\", realm=\"r\", uri=\"u\", response=\"89eb0059246c02b2f6ee02c7961d5ea3\"", "missing 'nonce'")]
    [InlineData("Digest username=\"b\", realm=\"r\", nonce=\"n\", response=\"89eb0059246c02b2f6ee02c7961d5ea3\"", "missing 'uri'")]
    [InlineData("Digest username=\"b\", realm=\"r\", nonce=\"n\", uri=\"u\"", "missing 'response'")]
    [InlineData("Digest username=\"b\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"xyz\"", "32 hex digits for MD5")]
    [InlineData("Digest username=\"b\", realm=\"r\", nonce=\"n\", uri=\"u\", algorithm=SHA-256, response=\"89eb0059246c02b2f6ee02c7961d5ea3\"", "64 hex digits for SHA-256")]
    [InlineData("Digest username=\"b\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"89eb0059246c02b2f6ee02c7961d5ea3\", qop=auth, cnonce=\"c\"", "nc of exactly 8 hex digits")]
    [InlineData("Digest username=\"b\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"89eb0059246c02b2f6ee02c7961d5ea3\", qop=auth, cnonce=\"c\", nc=1", "nc of exactly 8 hex digits")]
    [InlineData("Digest username=\"b\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"89eb0059246c02b2f6ee02c7961d5ea3\", qop=auth, nc=00000001", "non-empty cnonce")]
    [InlineData("Digest username=\"b\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"89eb0059246c02b2f6ee02c7961d5ea3\", qop=auth-conf, cnonce=\"c\", nc=00000001", "unsupported qop")]
    [InlineData("Digest username=\"b\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"89eb0059246c02b2f6ee02c7961d5ea3\", nc=00000001", "without a qop value")]
    [InlineData("Digest username=\"b\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"89eb0059246c02b2f6ee02c7961d5ea3\", algorithm=MD5-sess", "requires qop")]
    [InlineData("Digest username=\"b\", username*=UTF-8''b, realm=\"r\", nonce=\"n\", uri=\"u\", response=\"89eb0059246c02b2f6ee02c7961d5ea3\"", "username* cannot be combined")]
    [InlineData("Digest username*=UTF-8''%C3, realm=\"r\", nonce=\"n\", uri=\"u\", response=\"89eb0059246c02b2f6ee02c7961d5ea3\"", "not a valid UTF-8 extended value")]
    [InlineData("Digest username=\"b\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"89eb0059246c02b2f6ee02c7961d5ea3\", response=\"89eb0059246c02b2f6ee02c7961d5ea3\"", "duplicate parameter 'response'")]
    [InlineData("Negotiate abc", "not Digest")]
    public void Malformed_credentials_are_refused_with_a_reason(string header, string reasonFragment)
    {
        Assert.False(DigestCredentials.TryParse(header, out var credentials, out var error));

        Assert.Null(credentials);
        Assert.Contains(reasonFragment, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Nonce_count_that_is_not_8_hex_digits_cannot_be_set_in_code()
    {
        Assert.Throws<ArgumentException>(() => new DigestCredentials
        {
            Username = "u",
            Realm = "r",
            Nonce = "n",
            Uri = "sip:x",
            Response = "00",
            NonceCount = "1",
        });
    }
}
