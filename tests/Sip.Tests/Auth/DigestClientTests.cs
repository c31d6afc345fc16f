using System.Text;
using Cinema.Sip.Auth;

namespace Cinema.Sip.Tests.Auth;

public class DigestClientTests
{
    [Fact]
    public void Answering_the_RFC_7616_SHA_256_challenge_gives_the_RFC_authorization()
    {
        Assert.True(DigestChallenge.TryParse(
            "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=SHA-256, " +
            "nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"",
            out var challenge,
            out _));

        var credentials = DigestClient.Answer(
            challenge, "Mufasa", "Circle of Life", "GET", "/dir/index.html", nonceCount: 1, cnonceSource: () => "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ");

        Assert.Equal("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", credentials.Response);
        Assert.Equal(DigestQop.Auth, credentials.Qop);
        Assert.Equal("00000001", credentials.NonceCount);
        Assert.Equal("FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", credentials.Opaque);
        Assert.Same(DigestAlgorithm.Sha256, credentials.Algorithm);
    }

    [Fact]
    public void Answering_a_userhash_challenge_sends_the_hashed_username()
    {
        Assert.True(DigestChallenge.TryParse(
            "Digest realm=\"api@example.org\", qop=\"auth\", algorithm=SHA-512-256, nonce=\"5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK\", " +
            "opaque=\"HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS\", charset=UTF-8, userhash=true",
            out var challenge,
            out _));

        var credentials = DigestClient.Answer(
            challenge, "J\u00e4s\u00f8n Doe", "Secret, or not?", "GET", "/doe.json", cnonceSource: () => "NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v");

        // RFC 7616 §3.9.2 with the values of erratum 4897.
        Assert.Equal("793263caabb707a56211940d90411ea4a575adeccb7e360aeb624ed06ece9b0b", credentials.Username);
        Assert.True(credentials.UserHash);
        Assert.Equal("3798d4131c277846293534c3edc11bd8a5e4cdcbff78b05db9d95eeb1cec68a5", credentials.Response);
        Assert.EndsWith(", userhash=true", credentials.ToHeaderValue(), StringComparison.Ordinal);
    }

    [Fact]
    public void Challenge_without_qop_is_answered_in_RFC_2069_form()
    {
        var challenge = new DigestChallenge { Realm = "biloxi.com", Nonce = "dcd98b7102dd2f0e8b11d0f600bfb0c093" };

        var credentials = DigestClient.Answer(challenge, "bob", "zanzibar", "INVITE", "sip:bob@biloxi.com");

        Assert.Null(credentials.Qop);
        Assert.Null(credentials.Cnonce);
        Assert.Null(credentials.NonceCount);
        Assert.DoesNotContain("nc=", credentials.ToHeaderValue(), StringComparison.Ordinal);
    }

    [Fact]
    public void Auth_int_is_used_when_it_is_the_only_option_and_covers_the_body()
    {
        var challenge = new DigestChallenge { Realm = "biloxi.com", Nonce = "n", QopOptions = [DigestQop.AuthInt], Algorithm = DigestAlgorithm.Sha256 };
        var body = Encoding.ASCII.GetBytes("v=0\r\n");

        var credentials = DigestClient.Answer(challenge, "bob", "zanzibar", "INVITE", "sip:bob@biloxi.com", body, 3, () => "c");

        Assert.Equal(DigestQop.AuthInt, credentials.Qop);
        Assert.Equal("00000003", credentials.NonceCount);
        var ha1 = DigestComputation.ComputeHa1(DigestAlgorithm.Sha256, "bob", "biloxi.com", "zanzibar");
        Assert.Equal(DigestComputation.ComputeResponse(credentials, ha1, "INVITE", body), credentials.Response);
        Assert.NotEqual(DigestComputation.ComputeResponse(credentials, ha1, "INVITE", Encoding.ASCII.GetBytes("v=1\r\n")), credentials.Response);
    }

    [Fact]
    public void Answer_with_stored_HA1_equals_answer_with_password()
    {
        var challenge = new DigestChallenge { Realm = "biloxi.com", Nonce = "n", QopOptions = [DigestQop.Auth], Algorithm = DigestAlgorithm.Md5Sess };
        var ha1 = DigestComputation.ComputeHa1(DigestAlgorithm.Md5, "bob", "biloxi.com", "zanzibar");

        var withPassword = DigestClient.Answer(challenge, "bob", "zanzibar", "REGISTER", "sip:biloxi.com", cnonceSource: () => "c");
        var withHa1 = DigestClient.AnswerWithHa1(challenge, "bob", ha1, "REGISTER", "sip:biloxi.com", cnonceSource: () => "c");

        Assert.Equal(withPassword.ToHeaderValue(), withHa1.ToHeaderValue());
    }

    [Fact]
    public void Default_cnonces_are_random_and_unique()
    {
        var challenge = new DigestChallenge { Realm = "r", Nonce = "n", QopOptions = [DigestQop.Auth] };

        var first = DigestClient.Answer(challenge, "u", "p", "REGISTER", "sip:r");
        var second = DigestClient.Answer(challenge, "u", "p", "REGISTER", "sip:r");

        Assert.NotEqual(first.Cnonce, second.Cnonce);
        Assert.True(first.Cnonce!.Length >= 16);
    }

    [Fact]
    public void Nonce_count_zero_is_refused()
    {
        var challenge = new DigestChallenge { Realm = "r", Nonce = "n", QopOptions = [DigestQop.Auth] };

        Assert.Throws<ArgumentOutOfRangeException>(() => DigestClient.Answer(challenge, "u", "p", "REGISTER", "sip:r", nonceCount: 0));
    }

    [Fact]
    public void Select_challenge_takes_the_first_supported_one()
    {
        string[] headers =
        [
            "Digest realm=\"r\", nonce=\"n\", algorithm=AKAv1-MD5, qop=\"auth\"",
            "Digest realm=\"r\", nonce=\"n\", algorithm=SHA-256, qop=\"auth\"",
            "Digest realm=\"r\", nonce=\"n\", algorithm=MD5, qop=\"auth\"",
        ];

        var selected = DigestClient.SelectChallenge(headers);

        Assert.NotNull(selected);
        Assert.Same(DigestAlgorithm.Sha256, selected.Algorithm);
    }
}
