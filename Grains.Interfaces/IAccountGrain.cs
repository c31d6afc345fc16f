using Orleans.Concurrency;

namespace Cinema.Grains;

/// <summary>
/// A user account, keyed by address-of-record ("alice@example.com"; host lower-cased). Passwords never reach
/// the grain: the caller hashes them into digest HA1 values (RFC 7616 §3.4.2) per realm and algorithm.
/// </summary>
[Alias("cinema.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>True when the account has been created (and not removed), enabled or not.</summary>
    [ReadOnly, Alias("Exists")]
    Task<bool> Exists();

    /// <summary>The account without its secrets, or null when there is none.</summary>
    [ReadOnly, Alias("GetInfo")]
    Task<AccountInfo?> GetInfo();

    /// <summary>
    /// The stored HA1 (lower-case hex) for a realm and a digest hash algorithm ("MD5", "SHA-256", "SHA-512-256"),
    /// or null when the account does not exist, is disabled, or has no such hash.
    /// </summary>
    [ReadOnly, Alias("GetDigestHa1")]
    Task<string?> GetDigestHa1(string realm, string algorithm);

    [Alias("Create")]
    Task<AccountResult> Create(AccountCredentials credentials);

    /// <summary>Replaces every stored hash (a new password).</summary>
    [Alias("SetCredentials")]
    Task<AccountResult> SetCredentials(AccountCredentials credentials);

    [Alias("SetEnabled")]
    Task<AccountResult> SetEnabled(bool enabled);

    [Alias("Remove")]
    Task<AccountResult> Remove();
}
