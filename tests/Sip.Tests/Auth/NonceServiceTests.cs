using System.Buffers.Text;
using System.Security.Cryptography;
using Cinema.Sip.Auth;
using Microsoft.Extensions.Time.Testing;

namespace Cinema.Sip.Tests.Auth;

public class NonceServiceTests
{
    private static readonly byte[] Secret = RandomNumberGenerator.GetBytes(32);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Fresh_nonce_is_valid_for_its_realm_and_carries_its_issue_time()
    {
        var service = new NonceService(Secret, _time);

        var nonce = service.Issue("biloxi.com");
        var result = service.Validate(nonce, "biloxi.com");

        Assert.Equal(NonceStatus.Valid, result.Status);
        Assert.Equal(_time.GetUtcNow(), result.IssuedAt);
    }

    [Fact]
    public void Nonce_is_url_safe_and_unique()
    {
        var service = new NonceService(Secret, _time);

        var nonces = Enumerable.Range(0, 100).Select(_ => service.Issue("r")).ToList();

        Assert.Equal(100, nonces.Distinct().Count());
        Assert.All(nonces, n => Assert.Matches("^[A-Za-z0-9_-]+$", n));
    }

    [Fact]
    public void Nonce_stays_valid_for_the_default_five_minutes_then_is_stale()
    {
        var service = new NonceService(Secret, _time);
        var nonce = service.Issue("r");

        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(NonceStatus.Valid, service.Validate(nonce, "r").Status);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(NonceStatus.Stale, service.Validate(nonce, "r").Status);

        _time.Advance(TimeSpan.FromDays(30));
        Assert.Equal(NonceStatus.Stale, service.Validate(nonce, "r").Status);
    }

    [Fact]
    public void Lifetime_is_configurable()
    {
        var service = new NonceService(Secret, _time, TimeSpan.FromSeconds(30));
        var nonce = service.Issue("r");

        _time.Advance(TimeSpan.FromSeconds(31));

        Assert.Equal(NonceStatus.Stale, service.Validate(nonce, "r").Status);
    }

    [Fact]
    public void Another_gateway_with_the_same_secret_accepts_the_nonce()
    {
        var issuer = new NonceService(Secret, _time);
        var other = new NonceService((byte[])Secret.Clone(), _time);

        Assert.Equal(NonceStatus.Valid, other.Validate(issuer.Issue("r"), "r").Status);
    }

    [Fact]
    public void Nonce_forged_with_another_secret_is_invalid()
    {
        var forger = new NonceService(RandomNumberGenerator.GetBytes(32), _time);
        var service = new NonceService(Secret, _time);

        Assert.Equal(NonceStatus.Invalid, service.Validate(forger.Issue("r"), "r").Status);
    }

    [Fact]
    public void Nonce_issued_for_another_realm_is_invalid()
    {
        var service = new NonceService(Secret, _time);

        Assert.Equal(NonceStatus.Invalid, service.Validate(service.Issue("atlanta.com"), "biloxi.com").Status);
    }

    [Fact]
    public void Nonce_with_a_rejuvenated_timestamp_is_invalid()
    {
        var service = new NonceService(Secret, _time);
        var bytes = Base64Url.DecodeFromChars(service.Issue("r"));
        bytes[7] ^= 0x01;

        Assert.Equal(NonceStatus.Invalid, service.Validate(Base64Url.EncodeToString(bytes), "r").Status);
    }

    [Fact]
    public void Every_single_character_change_makes_the_nonce_invalid()
    {
        var service = new NonceService(Secret, _time);
        var nonce = service.Issue("r");

        for (var i = 0; i < nonce.Length; i++)
        {
            var tampered = nonce[..i] + (nonce[i] == 'A' ? 'B' : 'A') + nonce[(i + 1)..];
            Assert.Equal(NonceStatus.Invalid, service.Validate(tampered, "r").Status);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("dcd98b7102dd2f0e8b11d0f600bfb0c093")]
    [InlineData("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Garbage_nonce_is_invalid_without_throwing(string? nonce)
    {
        var service = new NonceService(Secret, _time);

        Assert.Equal(NonceStatus.Invalid, service.Validate(nonce, "r").Status);
    }

    [Fact]
    public void Non_canonical_spelling_of_a_valid_nonce_is_invalid()
    {
        var service = new NonceService(Secret, _time);
        var nonce = service.Issue("r");

        // The last base64url character carries 2 unused bits; flipping them decodes to the same bytes.
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var last = alphabet.IndexOf(nonce[^1], StringComparison.Ordinal);
        var variant = nonce[..^1] + alphabet[last ^ 1];

        Assert.Equal(NonceStatus.Invalid, service.Validate(variant, "r").Status);
    }

    [Fact]
    public void Nonce_from_a_clock_far_ahead_is_invalid_but_small_skew_is_tolerated()
    {
        var ahead = new FakeTimeProvider(_time.GetUtcNow() + TimeSpan.FromSeconds(10));
        var farAhead = new FakeTimeProvider(_time.GetUtcNow() + TimeSpan.FromMinutes(10));
        var service = new NonceService(Secret, _time);

        Assert.Equal(NonceStatus.Valid, service.Validate(new NonceService(Secret, ahead).Issue("r"), "r").Status);
        Assert.Equal(NonceStatus.Invalid, service.Validate(new NonceService(Secret, farAhead).Issue("r"), "r").Status);
    }

    [Fact]
    public void Short_secret_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new NonceService(new byte[15]));
    }

    [Fact]
    public void Changing_the_callers_secret_array_later_does_not_affect_the_service()
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        var service = new NonceService(secret, _time);
        var nonce = service.Issue("r");

        Array.Clear(secret);

        Assert.Equal(NonceStatus.Valid, service.Validate(nonce, "r").Status);
    }
}
