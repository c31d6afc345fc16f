using System.Security.Cryptography;
using System.Text;
using Cinema.Sip.Auth;
using Microsoft.Extensions.Time.Testing;

namespace Cinema.Sip.Tests.Auth;

public class DigestServerTests
{
    private const string Realm = "biloxi.com";
    private const string Uri = "sip:biloxi.com";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly NonceService _nonces;
    private readonly DigestServer _server;

    public DigestServerTests()
    {
        _nonces = new NonceService(RandomNumberGenerator.GetBytes(32), _time);
        _server = new DigestServer(_nonces, new NonceCountTracker());
    }

    [Fact]
    public void Challenges_are_one_per_algorithm_in_preference_order_with_a_shared_valid_nonce()
    {
        var challenges = _server.CreateChallenges(Realm);

        Assert.Equal([DigestAlgorithm.Sha256, DigestAlgorithm.Md5], challenges.Select(c => c.Algorithm));
        Assert.Single(challenges.Select(c => c.Nonce).Distinct());
        Assert.All(challenges, c => Assert.Equal([DigestQop.Auth], c.QopOptions));
        Assert.Equal(NonceStatus.Valid, _nonces.Validate(challenges[0].Nonce, Realm).Status);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Client_answer_with_the_right_password_verifies(int challengeIndex)
    {
        var challenge = _server.CreateChallenges(Realm)[challengeIndex];
        var credentials = DigestClient.Answer(challenge, "bob", "zanzibar", "REGISTER", Uri);

        Assert.Equal(DigestVerificationResult.Ok, Verify(credentials, StoredHa1(credentials.Algorithm)));
    }

    [Fact]
    public void Credentials_survive_formatting_and_parsing_before_verification()
    {
        var challenge = Parse(_server.CreateChallenges(Realm)[0].ToHeaderValue());
        var sent = DigestClient.Answer(challenge, "bob", "zanzibar", "REGISTER", Uri);

        Assert.True(DigestCredentials.TryParse(sent.ToHeaderValue(), out var received, out var error), error);

        Assert.Equal(DigestVerificationResult.Ok, Verify(received, StoredHa1(received.Algorithm)));
    }

    [Fact]
    public void Wrong_password_gives_bad_response()
    {
        var credentials = Answer(password: "wrong");

        Assert.Equal(DigestVerificationResult.BadResponse, Verify(credentials, StoredHa1(credentials.Algorithm)));
    }

    [Fact]
    public void Unknown_user_gives_bad_response()
    {
        var credentials = Answer();

        Assert.Equal(DigestVerificationResult.BadResponse, Verify(credentials, storedHa1: null));
    }

    [Fact]
    public void Expired_nonce_with_right_password_is_stale()
    {
        var credentials = Answer();
        _time.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(DigestVerificationResult.StaleNonce, Verify(credentials, StoredHa1(credentials.Algorithm)));
    }

    [Fact]
    public void Expired_nonce_with_wrong_password_is_not_reported_stale()
    {
        var credentials = Answer(password: "wrong");
        _time.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(DigestVerificationResult.BadResponse, Verify(credentials, StoredHa1(credentials.Algorithm)));
    }

    [Fact]
    public void Nonce_not_issued_by_the_server_is_invalid()
    {
        var challenge = new DigestChallenge { Realm = Realm, Nonce = "dcd98b7102dd2f0e8b11d0f600bfb0c093", Algorithm = DigestAlgorithm.Sha256, QopOptions = [DigestQop.Auth] };
        var credentials = DigestClient.Answer(challenge, "bob", "zanzibar", "REGISTER", Uri);

        Assert.Equal(DigestVerificationResult.InvalidNonce, Verify(credentials, StoredHa1(credentials.Algorithm)));
    }

    [Fact]
    public void Replayed_request_is_refused_and_the_next_count_accepted()
    {
        var challenge = _server.CreateChallenges(Realm)[0];
        var first = DigestClient.Answer(challenge, "bob", "zanzibar", "REGISTER", Uri, nonceCount: 1);
        var second = DigestClient.Answer(challenge, "bob", "zanzibar", "REGISTER", Uri, nonceCount: 2);
        var ha1 = StoredHa1(first.Algorithm);

        Assert.Equal(DigestVerificationResult.Ok, Verify(first, ha1));
        Assert.Equal(DigestVerificationResult.ReplayedNonceCount, Verify(first, ha1));
        Assert.Equal(DigestVerificationResult.Ok, Verify(second, ha1));
        Assert.Equal(DigestVerificationResult.ReplayedNonceCount, Verify(first, ha1));
    }

    [Fact]
    public void Forged_request_does_not_burn_the_nonce_count()
    {
        var challenge = _server.CreateChallenges(Realm)[0];
        var forged = DigestClient.Answer(challenge, "bob", "guess", "REGISTER", Uri, nonceCount: 1000);
        var genuine = DigestClient.Answer(challenge, "bob", "zanzibar", "REGISTER", Uri, nonceCount: 1);
        var ha1 = StoredHa1(genuine.Algorithm);

        Assert.Equal(DigestVerificationResult.BadResponse, Verify(forged, ha1));
        Assert.Equal(DigestVerificationResult.Ok, Verify(genuine, ha1));
    }

    [Fact]
    public void Algorithm_not_offered_is_refused()
    {
        var nonce = _nonces.Issue(Realm);
        var challenge = new DigestChallenge { Realm = Realm, Nonce = nonce, Algorithm = DigestAlgorithm.Sha512T256, QopOptions = [DigestQop.Auth] };
        var credentials = DigestClient.Answer(challenge, "bob", "zanzibar", "REGISTER", Uri);

        Assert.Equal(DigestVerificationResult.AlgorithmNotOffered, Verify(credentials, StoredHa1(credentials.Algorithm)));
    }

    [Fact]
    public void Credentials_for_another_realm_are_refused()
    {
        var credentials = Answer();

        var result = _server.Verify(credentials, "atlanta.com", "REGISTER", Uri, default, StoredHa1(credentials.Algorithm));

        Assert.Equal(DigestVerificationResult.RealmMismatch, result);
    }

    [Fact]
    public void Uri_parameter_other_than_the_request_uri_is_refused()
    {
        var credentials = Answer();

        var result = _server.Verify(credentials, Realm, "REGISTER", "sip:other.biloxi.com", default, StoredHa1(credentials.Algorithm));

        Assert.Equal(DigestVerificationResult.UriMismatch, result);
    }

    [Fact]
    public void Method_other_than_the_signed_one_gives_bad_response()
    {
        var credentials = Answer();

        var result = _server.Verify(credentials, Realm, "INVITE", Uri, default, StoredHa1(credentials.Algorithm));

        Assert.Equal(DigestVerificationResult.BadResponse, result);
    }

    [Fact]
    public void Missing_qop_is_refused_unless_allowed()
    {
        var nonce = _nonces.Issue(Realm);
        var challenge = new DigestChallenge { Realm = Realm, Nonce = nonce, Algorithm = DigestAlgorithm.Md5 };
        var credentials = DigestClient.Answer(challenge, "bob", "zanzibar", "REGISTER", Uri);
        var lenient = new DigestServer(_nonces, new NonceCountTracker(), new DigestServerOptions { AllowMissingQop = true });

        Assert.Equal(DigestVerificationResult.QopNotOffered, Verify(credentials, StoredHa1(credentials.Algorithm)));
        Assert.Equal(DigestVerificationResult.Ok, lenient.Verify(credentials, Realm, "REGISTER", Uri, default, StoredHa1(credentials.Algorithm)));
    }

    [Fact]
    public void Qop_not_offered_is_refused()
    {
        var nonce = _nonces.Issue(Realm);
        var challenge = new DigestChallenge { Realm = Realm, Nonce = nonce, Algorithm = DigestAlgorithm.Sha256, QopOptions = [DigestQop.AuthInt] };
        var credentials = DigestClient.Answer(challenge, "bob", "zanzibar", "REGISTER", Uri);

        Assert.Equal(DigestVerificationResult.QopNotOffered, Verify(credentials, StoredHa1(credentials.Algorithm)));
    }

    [Fact]
    public void Auth_int_detects_a_changed_body()
    {
        var server = new DigestServer(_nonces, new NonceCountTracker(), new DigestServerOptions { QopOptions = [DigestQop.AuthInt] });
        var challenge = server.CreateChallenges(Realm)[0];
        var body = Encoding.ASCII.GetBytes("v=0\r\n");
        var credentials = DigestClient.Answer(challenge, "bob", "zanzibar", "INVITE", Uri, body);
        var ha1 = StoredHa1(credentials.Algorithm);

        Assert.Equal(DigestVerificationResult.BadResponse, server.Verify(credentials, Realm, "INVITE", Uri, Encoding.ASCII.GetBytes("v=1\r\n"), ha1));
        Assert.Equal(DigestVerificationResult.Ok, server.Verify(credentials, Realm, "INVITE", Uri, body, ha1));
    }

    [Fact]
    public void Session_algorithm_verifies_from_the_base_stored_HA1()
    {
        var server = new DigestServer(_nonces, new NonceCountTracker(), new DigestServerOptions { Algorithms = [DigestAlgorithm.Sha512T256Sess] });
        var credentials = DigestClient.Answer(server.CreateChallenges(Realm)[0], "bob", "zanzibar", "REGISTER", Uri);

        var ha1 = DigestComputation.ComputeHa1(DigestAlgorithm.Sha512T256, "bob", Realm, "zanzibar");

        Assert.Equal(DigestVerificationResult.Ok, server.Verify(credentials, Realm, "REGISTER", Uri, default, ha1));
    }

    [Fact]
    public void Uppercase_hex_response_is_accepted()
    {
        var credentials = Answer();
        var upper = Reissue(credentials, credentials.Response.ToUpperInvariant());

        Assert.Equal(DigestVerificationResult.Ok, Verify(upper, StoredHa1(credentials.Algorithm)));
    }

    [Fact]
    public void Response_of_the_wrong_length_built_in_code_is_malformed()
    {
        var credentials = Reissue(Answer(), "abcd");

        Assert.Equal(DigestVerificationResult.Malformed, Verify(credentials, StoredHa1(credentials.Algorithm)));
    }

    [Fact]
    public void Stored_HA1_of_the_wrong_length_is_a_configuration_error()
    {
        var credentials = Answer();

        Assert.Throws<ArgumentException>(() => Verify(credentials, "12af60467a33e8518da5c68bbff12b11"));
    }

    [Fact]
    public void Authentication_info_carries_the_rspauth_the_client_can_check()
    {
        var credentials = Answer();
        var ha1 = StoredHa1(credentials.Algorithm);

        var info = _server.CreateAuthenticationInfo(credentials, ha1, default, includeNextNonce: true);

        var effectiveHa1 = DigestComputation.ComputeEffectiveHa1(credentials.Algorithm, ha1, credentials.Nonce, credentials.Cnonce);
        var ha2 = DigestAlgorithm.Sha256.HashToHex($":{Uri}");
        var expected = DigestComputation.ComputeResponse(credentials.Algorithm, effectiveHa1, credentials.Nonce, DigestQop.Auth, credentials.NonceCount, credentials.Cnonce, ha2);
        Assert.Equal(expected, info.ResponseAuth);
        Assert.Equal(credentials.Cnonce, info.Cnonce);
        Assert.Equal("00000001", info.NonceCount);
        Assert.Equal(NonceStatus.Valid, _nonces.Validate(info.NextNonce, Realm).Status);
    }

    private static DigestChallenge Parse(string header)
    {
        Assert.True(DigestChallenge.TryParse(header, out var challenge, out var error), error);
        return challenge;
    }

    private static string StoredHa1(DigestAlgorithm algorithm) =>
        DigestComputation.ComputeHa1(algorithm.BaseAlgorithm, "bob", Realm, "zanzibar");

    private static DigestCredentials Reissue(DigestCredentials c, string response) => new()
    {
        Username = c.Username,
        Realm = c.Realm,
        Nonce = c.Nonce,
        Uri = c.Uri,
        Response = response,
        Algorithm = c.Algorithm,
        Cnonce = c.Cnonce,
        Qop = c.Qop,
        NonceCount = c.NonceCount,
    };

    private DigestCredentials Answer(string password = "zanzibar") =>
        DigestClient.Answer(_server.CreateChallenges(Realm)[0], "bob", password, "REGISTER", Uri);

    private DigestVerificationResult Verify(DigestCredentials credentials, string? storedHa1) =>
        _server.Verify(credentials, Realm, "REGISTER", Uri, default, storedHa1);
}
