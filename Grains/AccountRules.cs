using System.Diagnostics.CodeAnalysis;
using Cinema.Sip.Auth;

namespace Cinema.Grains;

/// <summary>The checks and key shapes of accounts, apart from the grain so they can be read and tested alone.</summary>
internal static class AccountRules
{
    /// <summary>
    /// The stored form of credentials' hashes: keys "realm/ALGORITHM" with the registry token of the base algorithm,
    /// values lower-case hex of the algorithm's length. False when there is no hash or any key or value is malformed,
    /// so that a typo cannot leave an account whose password can never match.
    /// </summary>
    public static bool TryNormalize(IReadOnlyDictionary<string, string>? hashes, [NotNullWhen(true)] out Dictionary<string, string>? normalized)
    {
        normalized = null;
        if (hashes is null || hashes.Count == 0) return false;
        var result = new Dictionary<string, string>();
        foreach (var (key, value) in hashes)
        {
            var slash = key.LastIndexOf('/');
            if (slash <= 0) return false;
            if (HashKey(key[..slash], key[(slash + 1)..]) is not { } stored) return false;
            var algorithm = StoredAlgorithm(key[(slash + 1)..])!;
            if (value is null || value.Length != algorithm.HexLength || !value.All(char.IsAsciiHexDigit)) return false;
            result[stored] = value.ToLowerInvariant();
        }
        normalized = result;
        return true;
    }

    /// <summary>
    /// The key a hash is stored under, or null for an algorithm this server does not implement. The "-sess"
    /// variants share the stored HA1 of their hash function (RFC 7616 §3.4.2).
    /// </summary>
    public static string? HashKey(string realm, string algorithm) =>
        realm.Length > 0 && StoredAlgorithm(algorithm) is { } a ? realm + "/" + a.Name : null;

    /// <summary>True for "user@host" with a lower-case host: the form the registrar and the proxy key grains by.</summary>
    public static bool IsAddressOfRecord(string address)
    {
        var at = address.LastIndexOf('@');
        return at > 0 && at < address.Length - 1 && address.AsSpan(at + 1).IndexOfAnyInRange('A', 'Z') < 0;
    }

    /// <summary>The domain of an address-of-record: what its directory grain is keyed by.</summary>
    public static string DomainOf(string address) => address[(address.LastIndexOf('@') + 1)..];

    private static DigestAlgorithm? StoredAlgorithm(string name) =>
        DigestAlgorithm.TryParse(name, out var algorithm) ? algorithm.BaseAlgorithm : null;
}
