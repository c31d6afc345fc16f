using System.Security.Cryptography;
using Cinema.Sip.Messages;

namespace Cinema.Sip.Transactions;

/// <summary>
/// Branch parameters for the Via of requests we send (RFC 3261 §8.1.1.7): the magic cookie, then 120 random
/// bits. They must be unique in space and time, and a guessable branch lets an off-path attacker answer or
/// cancel our transactions, so the bits come from the operating system's cryptographic generator.
/// </summary>
public static class ViaBranch
{
    private const int RandomBytes = 15;
    private const int RandomChars = RandomBytes * 8 / 5;

    /// <summary>A new branch, "z9hG4bK" and 24 lower-case base32 characters (all token characters). One allocation: the string.</summary>
    public static string New() => string.Create(Via.MagicCookie.Length + RandomChars, 0, static (chars, _) =>
    {
        Via.MagicCookie.CopyTo(chars);
        Span<byte> random = stackalloc byte[RandomBytes];
        RandomNumberGenerator.Fill(random);
        var output = chars[Via.MagicCookie.Length..];
        // Base32 without padding: every 5 bytes become 8 characters of 5 bits each.
        for (int block = 0, at = 0; block < RandomBytes; block += 5, at += 8)
        {
            ulong bits = 0;
            for (var i = 0; i < 5; i++) bits = (bits << 8) | random[block + i];
            for (var i = 7; i >= 0; i--)
            {
                output[at + i] = "abcdefghijklmnopqrstuvwxyz234567"[(int)(bits & 31)];
                bits >>= 5;
            }
        }
    });
}
