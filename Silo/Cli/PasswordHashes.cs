using Cinema.Grains;
using Cinema.Sip.Auth;

namespace Cinema.Silo.Cli;

/// <summary>
/// Turns a password into what the account grain stores: HA1 = H(user:realm:password) (RFC 7616 §3.4.2) with the
/// user's domain as realm, once per hash function a phone may choose (RFC 8760), so the password stays here.
/// </summary>
public static class PasswordHashes
{
    /// <summary>The hash functions stored; the "-sess" variants reuse them.</summary>
    public static IReadOnlyList<DigestAlgorithm> Algorithms { get; } = [DigestAlgorithm.Md5, DigestAlgorithm.Sha256, DigestAlgorithm.Sha512T256];

    public static AccountCredentials Credentials(AccountAddress address, string password, string? displayName)
    {
        ArgumentNullException.ThrowIfNull(address);
        var hashes = new Dictionary<string, string>();
        foreach (var algorithm in Algorithms)
            hashes[address.Domain + "/" + algorithm.Name] = DigestComputation.ComputeHa1(algorithm, address.User, address.Domain, password);
        return new AccountCredentials(displayName, hashes);
    }
}
