using Cinema.Sip.Auth;

namespace Cinema.Sip.Tests.Auth;

public class DigestAuthenticationInfoTests
{
    [Fact]
    public void Formatting_quotes_nextnonce_rspauth_and_cnonce_only()
    {
        var info = new DigestAuthenticationInfo
        {
            NextNonce = "next",
            Qop = DigestQop.Auth,
            ResponseAuth = "abcdef",
            Cnonce = "c",
            NonceCount = "00000001",
        };

        Assert.Equal("nextnonce=\"next\", qop=auth, rspauth=\"abcdef\", cnonce=\"c\", nc=00000001", info.ToHeaderValue());
    }

    [Fact]
    public void Format_then_parse_round_trips()
    {
        var info = new DigestAuthenticationInfo { NextNonce = "n", Qop = DigestQop.AuthInt, ResponseAuth = "0a", Cnonce = "c", NonceCount = "00000002" };

        Assert.True(DigestAuthenticationInfo.TryParse(info.ToHeaderValue(), out var parsed, out var error), error);

        Assert.Equal(info.ToHeaderValue(), parsed.ToHeaderValue());
    }

    [Fact]
    public void Nextnonce_alone_is_valid()
    {
        Assert.True(DigestAuthenticationInfo.TryParse("nextnonce=\"47364c23432d2e131a5fb210812c\"", out var info, out _));

        Assert.Equal("47364c23432d2e131a5fb210812c", info.NextNonce);
        Assert.Null(info.Qop);
    }

    [Theory]
    [InlineData("qop=auth-conf", "unsupported qop")]
    [InlineData("nc=12", "8 hex digits")]
    [InlineData("rspauth=\"zz\"", "hex digits")]
    [InlineData("nextnonce=\"a\", nextnonce=\"b\"", "duplicate")]
    public void Malformed_authentication_info_is_refused_with_a_reason(string header, string reasonFragment)
    {
        Assert.False(DigestAuthenticationInfo.TryParse(header, out _, out var error));

        Assert.Contains(reasonFragment, error, StringComparison.Ordinal);
    }
}
