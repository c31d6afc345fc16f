using System.Security.Cryptography;

namespace Cinema.Edge.Sip;

/// <summary>Random To tags (RFC 3261 §19.3: at least 32 bits of randomness).</summary>
internal static class Tags
{
    public static string New()
    {
        Span<byte> random = stackalloc byte[6];
        RandomNumberGenerator.Fill(random);
        return Convert.ToHexStringLower(random);
    }
}
