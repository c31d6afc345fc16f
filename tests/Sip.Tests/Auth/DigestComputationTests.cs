using System.Text;
using Cinema.Sip.Auth;

namespace Cinema.Sip.Tests.Auth;

public class DigestComputationTests
{
    // RFC 7616 §3.9.1 (password "Circle of Life", lowercase "of", see erratum 4495).
    private const string Rfc7616Realm = "http-auth@example.org";
    private const string Rfc7616Nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private const string Rfc7616Cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

    // draft-smith-sipping-auth-examples-01: SIP examples for bob / zanzibar.
    private const string BobNonce = "dcd98b7102dd2f0e8b11d0f600bfb0c093";

    [Theory]
    [InlineData("MD5", "8ca523f5e9506fed4657c9700eebdbec")]
    [InlineData("SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")]
    public void RFC_7616_example_response_is_reproduced(string algorithmName, string expectedResponse)
    {
        Assert.True(DigestAlgorithm.TryParse(algorithmName, out var algorithm));

        var ha1 = DigestComputation.ComputeHa1(algorithm, "Mufasa", Rfc7616Realm, "Circle of Life");
        var ha2 = DigestComputation.ComputeHa2(algorithm, DigestQop.Auth, "GET", "/dir/index.html", default);
        var response = DigestComputation.ComputeResponse(algorithm, ha1, Rfc7616Nonce, DigestQop.Auth, "00000001", Rfc7616Cnonce, ha2);

        Assert.Equal(expectedResponse, response);
    }

    [Fact]
    public void RFC_2617_example_response_is_reproduced()
    {
        var ha1 = DigestComputation.ComputeHa1(DigestAlgorithm.Md5, "Mufasa", "testrealm@host.com", "Circle Of Life");
        var ha2 = DigestComputation.ComputeHa2(DigestAlgorithm.Md5, DigestQop.Auth, "GET", "/dir/index.html", default);

        var response = DigestComputation.ComputeResponse(DigestAlgorithm.Md5, ha1, BobNonce, DigestQop.Auth, "00000001", "0a4f113b", ha2);

        Assert.Equal("6629fae49393a05397450978507c4ef1", response);
    }

    [Fact]
    public void RFC_7616_SHA_512_256_userhash_example_matches_erratum_4897()
    {
        // RFC 7616 §3.9.2 prints values from a pre-standard SHA-512/256; erratum 4897 gives the correct ones.
        const string username = "J\u00e4s\u00f8n Doe";
        const string realm = "api@example.org";
        var algorithm = DigestAlgorithm.Sha512T256;

        var userHash = DigestComputation.ComputeUserHash(algorithm, username, realm);
        var ha1 = DigestComputation.ComputeHa1(algorithm, username, realm, "Secret, or not?");
        var ha2 = DigestComputation.ComputeHa2(algorithm, DigestQop.Auth, "GET", "/doe.json", default);
        var response = DigestComputation.ComputeResponse(
            algorithm, ha1, "5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK", DigestQop.Auth, "00000001", "NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v", ha2);

        Assert.Equal("793263caabb707a56211940d90411ea4a575adeccb7e360aeb624ed06ece9b0b", userHash);
        Assert.Equal("3798d4131c277846293534c3edc11bd8a5e4cdcbff78b05db9d95eeb1cec68a5", response);
    }

    [Fact]
    public void SIP_example_HA1_and_auth_response_are_reproduced()
    {
        var ha1 = DigestComputation.ComputeHa1(DigestAlgorithm.Md5, "bob", "biloxi.com", "zanzibar");
        var ha2 = DigestComputation.ComputeHa2(DigestAlgorithm.Md5, DigestQop.Auth, "INVITE", "sip:bob@biloxi.com", default);

        var response = DigestComputation.ComputeResponse(DigestAlgorithm.Md5, ha1, BobNonce, DigestQop.Auth, "00000001", "0a4f113b", ha2);

        Assert.Equal("12af60467a33e8518da5c68bbff12b11", ha1);
        Assert.Equal("89eb0059246c02b2f6ee02c7961d5ea3", response);
    }

    [Fact]
    public void SIP_example_MD5_sess_response_is_reproduced_from_the_stored_HA1()
    {
        var ha1 = DigestComputation.ComputeEffectiveHa1(DigestAlgorithm.Md5Sess, "12af60467a33e8518da5c68bbff12b11", BobNonce, "0a4f113b");
        var ha2 = DigestComputation.ComputeHa2(DigestAlgorithm.Md5Sess, DigestQop.Auth, "INVITE", "sip:bob@biloxi.com", default);

        var response = DigestComputation.ComputeResponse(DigestAlgorithm.Md5Sess, ha1, BobNonce, DigestQop.Auth, "00000001", "0a4f113b", ha2);

        Assert.Equal("e4e4ea61d186d07a92c9e1f6919902e9", response);
    }

    [Theory]
    [InlineData("MD5", "bdbeebb2da6adb6bca02599c2239e192")]
    [InlineData("MD5-sess", "91984da2d8663716e91554859c22ca70")]
    public void SIP_example_auth_int_response_is_reproduced_from_the_body_hash(string algorithmName, string expected)
    {
        Assert.True(DigestAlgorithm.TryParse(algorithmName, out var algorithm));
        var ha1 = DigestComputation.ComputeEffectiveHa1(algorithm, "12af60467a33e8518da5c68bbff12b11", BobNonce, "0a4f113b");
        var ha2 = DigestComputation.ComputeHa2AuthInt(algorithm, "INVITE", "sip:bob@biloxi.com", "c1ed018b8ec4a3b170c0921f5b564e48");

        var response = DigestComputation.ComputeResponse(algorithm, ha1, BobNonce, DigestQop.AuthInt, "00000001", "0a4f113b", ha2);

        Assert.Equal(expected, response);
    }

    // Expected values computed independently with OpenSSL's SHA-256 and SHA-512/256.
    [Theory]
    [InlineData("SHA-256", "f421f52878904e5e7b66592af190cd83e5e3cca5737209ce93e3bef7098ed224")]
    [InlineData("SHA-512-256", "a3d429e16557ec81037542f1d120cfc9f0d2eb3d8befc0d3a7b4617c217e912a")]
    public void Auth_int_hashes_the_body_into_HA2(string algorithmName, string expected)
    {
        Assert.True(DigestAlgorithm.TryParse(algorithmName, out var algorithm));
        var body = Encoding.ASCII.GetBytes("v=0\r\no=bob 2890844526 2890844526 IN IP4 biloxi.com\r\n");
        var ha1 = DigestComputation.ComputeHa1(algorithm, "alice", "atlanta.com", "secret");
        var ha2 = DigestComputation.ComputeHa2(algorithm, DigestQop.AuthInt, "INVITE", "sip:bob@biloxi.com", body);

        var response = DigestComputation.ComputeResponse(algorithm, ha1, "abc", DigestQop.AuthInt, "00000002", "xyz", ha2);

        Assert.Equal(expected, response);
    }

    [Theory]
    [InlineData("SHA-256-sess", "9e33011e5a9da57c343a08fbbe32d85671d3b3c60b4053b17a4e011023ce91d6")]
    [InlineData("SHA-512-256-sess", "c04755f35efb0ffb6af6d4a3da46a8791a89ac37845b240bc4346722876dc740")]
    public void Session_algorithms_hash_nonce_and_cnonce_into_HA1(string algorithmName, string expected)
    {
        Assert.True(DigestAlgorithm.TryParse(algorithmName, out var algorithm));
        var stored = DigestComputation.ComputeHa1(algorithm.BaseAlgorithm, "alice", "atlanta.com", "secret");
        var ha1 = DigestComputation.ComputeEffectiveHa1(algorithm, stored, "abc", "xyz");
        var ha2 = DigestComputation.ComputeHa2(algorithm, DigestQop.Auth, "REGISTER", "sip:atlanta.com", default);

        var response = DigestComputation.ComputeResponse(algorithm, ha1, "abc", DigestQop.Auth, "00000001", "xyz", ha2);

        Assert.Equal(expected, response);
    }

    [Fact]
    public void Response_without_qop_is_the_RFC_2069_form()
    {
        var ha1 = DigestComputation.ComputeHa1(DigestAlgorithm.Md5, "bob", "biloxi.com", "zanzibar");
        var ha2 = DigestComputation.ComputeHa2(DigestAlgorithm.Md5, qop: null, "INVITE", "sip:bob@biloxi.com", default);

        var response = DigestComputation.ComputeResponse(DigestAlgorithm.Md5, ha1, BobNonce, qop: null, null, null, ha2);

        Assert.Equal(DigestAlgorithm.Md5.HashToHex($"{ha1}:{BobNonce}:{ha2}"), response);
    }

    [Fact]
    public void Stored_HA1_in_uppercase_gives_the_same_response()
    {
        var ha2 = DigestComputation.ComputeHa2(DigestAlgorithm.Md5, DigestQop.Auth, "INVITE", "sip:bob@biloxi.com", default);

        var response = DigestComputation.ComputeResponse(
            DigestAlgorithm.Md5, "12AF60467A33E8518DA5C68BBFF12B11", BobNonce, DigestQop.Auth, "00000001", "0a4f113b", ha2);

        Assert.Equal("89eb0059246c02b2f6ee02c7961d5ea3", response);
    }

    [Fact]
    public void Session_algorithm_without_cnonce_is_refused()
    {
        Assert.Throws<ArgumentException>(() => DigestComputation.ComputeEffectiveHa1(DigestAlgorithm.Md5Sess, "12af60467a33e8518da5c68bbff12b11", BobNonce, null));
    }
}
