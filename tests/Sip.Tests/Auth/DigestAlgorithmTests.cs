using Cinema.Sip.Auth;

namespace Cinema.Sip.Tests.Auth;

public class DigestAlgorithmTests
{
    [Theory]
    [InlineData("MD5", "MD5")]
    [InlineData("md5-SESS", "MD5-sess")]
    [InlineData("SHA-256", "SHA-256")]
    [InlineData("sha-256-sess", "SHA-256-sess")]
    [InlineData("SHA-512-256", "SHA-512-256")]
    [InlineData("SHA-512-256-Sess", "SHA-512-256-sess")]
    public void Tokens_parse_case_insensitively_to_canonical_names(string token, string canonical)
    {
        Assert.True(DigestAlgorithm.TryParse(token, out var algorithm));
        Assert.Equal(canonical, algorithm.Name);
    }

    [Theory]
    [InlineData("AKAv1-MD5")]
    [InlineData("SHA-512")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_tokens_do_not_parse(string? token)
    {
        Assert.False(DigestAlgorithm.TryParse(token, out _));
    }

    [Fact]
    public void Session_variants_share_the_stored_HA1_of_their_base_algorithm()
    {
        Assert.Same(DigestAlgorithm.Md5, DigestAlgorithm.Md5Sess.BaseAlgorithm);
        Assert.Same(DigestAlgorithm.Sha256, DigestAlgorithm.Sha256Sess.BaseAlgorithm);
        Assert.Same(DigestAlgorithm.Sha512T256, DigestAlgorithm.Sha512T256Sess.BaseAlgorithm);
        Assert.Same(DigestAlgorithm.Sha256, DigestAlgorithm.Sha256.BaseAlgorithm);
    }

    [Fact]
    public void Hex_lengths_follow_the_hash_size()
    {
        Assert.Equal(32, DigestAlgorithm.Md5.HexLength);
        Assert.Equal(64, DigestAlgorithm.Sha256Sess.HexLength);
        Assert.Equal(64, DigestAlgorithm.Sha512T256.HexLength);
    }
}
