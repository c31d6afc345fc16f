using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Cinema.Sip.Auth;

/// <summary>
/// A digest hash algorithm from the IANA "HTTP Digest Hash Algorithms" registry (RFC 7616 §6.1),
/// as used by SIP (RFC 8760 §2.1). Instances are singletons, so reference equality is value equality.
/// </summary>
public sealed class DigestAlgorithm
{
    private enum HashFunction
    {
        Md5,
        Sha256,
        Sha512T256,
    }

    private readonly HashFunction _function;

    private DigestAlgorithm(string name, HashFunction function, bool isSession, int hashSizeInBytes)
    {
        Name = name;
        _function = function;
        IsSession = isSession;
        HashSizeInBytes = hashSizeInBytes;
    }

    /// <summary>MD5 (RFC 3261 §22.4, RFC 7616 §3.2). Weak; kept for interoperability.</summary>
    public static DigestAlgorithm Md5 { get; } = new("MD5", HashFunction.Md5, isSession: false, 16);

    /// <summary>MD5-sess (RFC 7616 §3.4.2).</summary>
    public static DigestAlgorithm Md5Sess { get; } = new("MD5-sess", HashFunction.Md5, isSession: true, 16);

    /// <summary>SHA-256 (RFC 7616 §3.2, RFC 8760 §2.1).</summary>
    public static DigestAlgorithm Sha256 { get; } = new("SHA-256", HashFunction.Sha256, isSession: false, 32);

    /// <summary>SHA-256-sess (RFC 7616 §3.4.2).</summary>
    public static DigestAlgorithm Sha256Sess { get; } = new("SHA-256-sess", HashFunction.Sha256, isSession: true, 32);

    /// <summary>SHA-512/256 (FIPS 180-4 §6.7), token "SHA-512-256" (RFC 7616 §3.2, RFC 8760 §2.1).</summary>
    public static DigestAlgorithm Sha512T256 { get; } = new("SHA-512-256", HashFunction.Sha512T256, isSession: false, 32);

    /// <summary>SHA-512/256 session variant, token "SHA-512-256-sess".</summary>
    public static DigestAlgorithm Sha512T256Sess { get; } = new("SHA-512-256-sess", HashFunction.Sha512T256, isSession: true, 32);

    /// <summary>Every supported algorithm, strongest first.</summary>
    public static IReadOnlyList<DigestAlgorithm> All { get; } =
        [Sha512T256, Sha512T256Sess, Sha256, Sha256Sess, Md5, Md5Sess];

    /// <summary>The registry token, as written in the <c>algorithm</c> parameter.</summary>
    public string Name { get; }

    /// <summary>True for the "-sess" variants, whose A1 mixes in nonce and cnonce (RFC 7616 §3.4.2).</summary>
    public bool IsSession { get; }

    /// <summary>Size of the raw hash output.</summary>
    public int HashSizeInBytes { get; }

    /// <summary>Length of a hash in lowercase hex, as used for HA1, HA2 and response (RFC 8760 §2.2).</summary>
    public int HexLength => HashSizeInBytes * 2;

    /// <summary>
    /// The non-session algorithm with the same hash function. A server stores HA1 = H(user:realm:password)
    /// once per hash function: "MD5" and "MD5-sess" use the same stored value (RFC 7616 §3.4.2).
    /// </summary>
    public DigestAlgorithm BaseAlgorithm => _function switch
    {
        HashFunction.Md5 => Md5,
        HashFunction.Sha256 => Sha256,
        _ => Sha512T256,
    };

    /// <summary>Looks up a token case-insensitively; false for tokens this library does not implement.</summary>
    public static bool TryParse([NotNullWhen(true)] string? name, [NotNullWhen(true)] out DigestAlgorithm? algorithm)
    {
        algorithm = null;
        if (name is null)
        {
            return false;
        }

        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                algorithm = candidate;
                return true;
            }
        }

        return false;
    }

    /// <summary>Hashes raw bytes.</summary>
    public byte[] Hash(ReadOnlySpan<byte> data) => _function switch
    {
#pragma warning disable CA5351 // MD5 is mandated by RFC 3261 §22.4 for interoperability, not chosen for strength.
        HashFunction.Md5 => MD5.HashData(data),
#pragma warning restore CA5351
        HashFunction.Sha256 => SHA256.HashData(data),
        _ => Sha512_256.HashData(data),
    };

    /// <summary>Hashes raw bytes and returns lowercase hex, the form every digest value takes (RFC 7616 §3.4).</summary>
    public string HashToHex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(Hash(data));

    /// <summary>Hashes the UTF-8 encoding of <paramref name="text"/> and returns lowercase hex.</summary>
    public string HashToHex(string text) => HashToHex(Encoding.UTF8.GetBytes(text));

    /// <inheritdoc />
    public override string ToString() => Name;
}
