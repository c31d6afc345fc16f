using Cinema.Silo.Cli;
using Cinema.Sip.Auth;

namespace Cinema.Silo.Tests.Cli;

/// <summary>The password is hashed on the command line's side into HA1 per hash function, with the domain as realm.</summary>
public class PasswordHashesTests
{
    private static AccountAddress Address(string text) => AccountAddress.TryParse(text, out var a, out var e) ? a : throw new InvalidOperationException(e);

    [Fact]
    public void Credentials_hold_ha1_for_md5_sha256_and_sha512_256_keyed_by_realm_and_algorithm()
    {
        var credentials = PasswordHashes.Credentials(Address("alice@Example.com"), "secret", "Alice");
        Assert.Equal("Alice", credentials.DisplayName);
        Assert.Equal(["example.com/MD5", "example.com/SHA-256", "example.com/SHA-512-256"], credentials.Ha1.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(DigestComputation.ComputeHa1(DigestAlgorithm.Sha256, "alice", "example.com", "secret"), credentials.Ha1["example.com/SHA-256"]);
    }

    [Fact]
    public void Md5_ha1_matches_the_rfc_2617_formula()
    {
        // HA1 = MD5("alice:example.com:secret"), computed independently of DigestComputation.
#pragma warning disable CA5351 // The digest scheme mandates MD5; this checks interoperability, not strength.
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData("alice:example.com:secret"u8));
#pragma warning restore CA5351
        Assert.Equal(expected, PasswordHashes.Credentials(Address("alice@example.com"), "secret", null).Ha1["example.com/MD5"]);
    }

    [Fact]
    public void Password_does_not_appear_in_the_credentials()
    {
        var credentials = PasswordHashes.Credentials(Address("alice@example.com"), "pa55word-unique", "Alice");
        Assert.DoesNotContain(credentials.Ha1.Values, v => v.Contains("pa55word-unique", StringComparison.Ordinal));
    }
}
