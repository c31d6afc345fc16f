using System.Buffers.Binary;
using System.Numerics;

namespace Cinema.Sip.Auth;

/// <summary>
/// SHA-512/256 (FIPS 180-4 §6.7): the SHA-512 compression function started from its own initial
/// hash value (§5.3.6.2) and truncated to the leftmost 256 bits.
/// </summary>
/// <remarks>
/// Written here because .NET has no built-in SHA-512/256, and RFC 8760 §2.1 / RFC 7616 §3.2 make it one
/// of the digest algorithms. It is NOT SHA-512 truncated: the distinct IV makes the outputs unrelated.
/// One-shot only: digest inputs (A1, A2, bodies) are small.
/// </remarks>
internal static class Sha512_256
{
    public const int HashSizeInBytes = 32;

    private const int BlockSizeInBytes = 128;

    // FIPS 180-4 §5.3.6.2: H(0) for SHA-512/256, produced by the IV generation function of §5.3.6.
    internal static readonly ulong[] InitialHashValue =
    [
        0x22312194FC2BF72CUL, 0x9F555FA3C84C64C2UL, 0x2393B86B6F53B151UL, 0x963877195940EABDUL,
        0x96283EE2A88EFFE3UL, 0xBE5E1E2553863992UL, 0x2B0199FC2C85B8AAUL, 0x0EB72DDC81C52CA2UL,
    ];

    // FIPS 180-4 §4.2.3: first 64 bits of the fractional parts of the cube roots of the first 80 primes.
    private static readonly ulong[] RoundConstants =
    [
        0x428A2F98D728AE22UL, 0x7137449123EF65CDUL, 0xB5C0FBCFEC4D3B2FUL, 0xE9B5DBA58189DBBCUL,
        0x3956C25BF348B538UL, 0x59F111F1B605D019UL, 0x923F82A4AF194F9BUL, 0xAB1C5ED5DA6D8118UL,
        0xD807AA98A3030242UL, 0x12835B0145706FBEUL, 0x243185BE4EE4B28CUL, 0x550C7DC3D5FFB4E2UL,
        0x72BE5D74F27B896FUL, 0x80DEB1FE3B1696B1UL, 0x9BDC06A725C71235UL, 0xC19BF174CF692694UL,
        0xE49B69C19EF14AD2UL, 0xEFBE4786384F25E3UL, 0x0FC19DC68B8CD5B5UL, 0x240CA1CC77AC9C65UL,
        0x2DE92C6F592B0275UL, 0x4A7484AA6EA6E483UL, 0x5CB0A9DCBD41FBD4UL, 0x76F988DA831153B5UL,
        0x983E5152EE66DFABUL, 0xA831C66D2DB43210UL, 0xB00327C898FB213FUL, 0xBF597FC7BEEF0EE4UL,
        0xC6E00BF33DA88FC2UL, 0xD5A79147930AA725UL, 0x06CA6351E003826FUL, 0x142929670A0E6E70UL,
        0x27B70A8546D22FFCUL, 0x2E1B21385C26C926UL, 0x4D2C6DFC5AC42AEDUL, 0x53380D139D95B3DFUL,
        0x650A73548BAF63DEUL, 0x766A0ABB3C77B2A8UL, 0x81C2C92E47EDAEE6UL, 0x92722C851482353BUL,
        0xA2BFE8A14CF10364UL, 0xA81A664BBC423001UL, 0xC24B8B70D0F89791UL, 0xC76C51A30654BE30UL,
        0xD192E819D6EF5218UL, 0xD69906245565A910UL, 0xF40E35855771202AUL, 0x106AA07032BBD1B8UL,
        0x19A4C116B8D2D0C8UL, 0x1E376C085141AB53UL, 0x2748774CDF8EEB99UL, 0x34B0BCB5E19B48A8UL,
        0x391C0CB3C5C95A63UL, 0x4ED8AA4AE3418ACBUL, 0x5B9CCA4F7763E373UL, 0x682E6FF3D6B2B8A3UL,
        0x748F82EE5DEFB2FCUL, 0x78A5636F43172F60UL, 0x84C87814A1F0AB72UL, 0x8CC702081A6439ECUL,
        0x90BEFFFA23631E28UL, 0xA4506CEBDE82BDE9UL, 0xBEF9A3F7B2C67915UL, 0xC67178F2E372532BUL,
        0xCA273ECEEA26619CUL, 0xD186B8C721C0C207UL, 0xEADA7DD6CDE0EB1EUL, 0xF57D4F7FEE6ED178UL,
        0x06F067AA72176FBAUL, 0x0A637DC5A2C898A6UL, 0x113F9804BEF90DAEUL, 0x1B710B35131C471BUL,
        0x28DB77F523047D84UL, 0x32CAAB7B40C72493UL, 0x3C9EBE0A15C9BEBCUL, 0x431D67C49C100D4CUL,
        0x4CC5D4BECB3E42B6UL, 0x597F299CFC657E2AUL, 0x5FCB6FAB3AD6FAECUL, 0x6C44198C4A475817UL,
    ];

    public static byte[] HashData(ReadOnlySpan<byte> source)
    {
        var hash = new byte[HashSizeInBytes];
        HashSha512Family(InitialHashValue, source, hash);
        return hash;
    }

    /// <summary>
    /// Runs the SHA-512 family hash (FIPS 180-4 §6.4) from <paramref name="initialHash"/> and writes the
    /// leftmost <c>destination.Length</c> bytes (a multiple of 8) of the final hash value.
    /// Exposed to tests so the core can be checked against the platform's SHA-512 and the §5.3.6 IV derivation.
    /// </summary>
    internal static void HashSha512Family(ReadOnlySpan<ulong> initialHash, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (initialHash.Length != 8 || destination.Length % 8 != 0 || destination.Length > 64)
        {
            throw new ArgumentException("SHA-512 family needs 8 state words and an output of at most 64 bytes in 8-byte words.");
        }

        Span<ulong> state = stackalloc ulong[8];
        initialHash.CopyTo(state);
        Span<ulong> schedule = stackalloc ulong[80];

        var fullBlocksLength = source.Length - (source.Length % BlockSizeInBytes);
        for (var offset = 0; offset < fullBlocksLength; offset += BlockSizeInBytes)
        {
            Compress(state, source.Slice(offset, BlockSizeInBytes), schedule);
        }

        // §5.1.2 padding: a 1 bit, zeros, then the message length in bits as a 128-bit big-endian integer.
        // The upper 64 bits stay zero because a span is far shorter than 2^61 bytes.
        var remainder = source[fullBlocksLength..];
        Span<byte> tail = stackalloc byte[BlockSizeInBytes * 2];
        tail.Clear();
        remainder.CopyTo(tail);
        tail[remainder.Length] = 0x80;
        var tailLength = remainder.Length + 1 + 16 <= BlockSizeInBytes ? BlockSizeInBytes : BlockSizeInBytes * 2;
        BinaryPrimitives.WriteUInt64BigEndian(tail[(tailLength - 8)..], (ulong)source.Length * 8);
        for (var offset = 0; offset < tailLength; offset += BlockSizeInBytes)
        {
            Compress(state, tail.Slice(offset, BlockSizeInBytes), schedule);
        }

        for (var i = 0; i < destination.Length / 8; i++)
        {
            BinaryPrimitives.WriteUInt64BigEndian(destination[(i * 8)..], state[i]);
        }
    }

    // FIPS 180-4 §6.4.2 steps 1-4 for one 1024-bit block.
    private static void Compress(Span<ulong> state, ReadOnlySpan<byte> block, Span<ulong> w)
    {
        for (var t = 0; t < 16; t++)
        {
            w[t] = BinaryPrimitives.ReadUInt64BigEndian(block[(t * 8)..]);
        }

        for (var t = 16; t < 80; t++)
        {
            w[t] = SmallSigma1(w[t - 2]) + w[t - 7] + SmallSigma0(w[t - 15]) + w[t - 16];
        }

        ulong a = state[0], b = state[1], c = state[2], d = state[3];
        ulong e = state[4], f = state[5], g = state[6], h = state[7];
        for (var t = 0; t < 80; t++)
        {
            var t1 = h + BigSigma1(e) + ((e & f) ^ (~e & g)) + RoundConstants[t] + w[t];
            var t2 = BigSigma0(a) + ((a & b) ^ (a & c) ^ (b & c));
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }

        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
        state[5] += f;
        state[6] += g;
        state[7] += h;
    }

    // FIPS 180-4 §4.1.3 functions.
    private static ulong BigSigma0(ulong x) => BitOperations.RotateRight(x, 28) ^ BitOperations.RotateRight(x, 34) ^ BitOperations.RotateRight(x, 39);

    private static ulong BigSigma1(ulong x) => BitOperations.RotateRight(x, 14) ^ BitOperations.RotateRight(x, 18) ^ BitOperations.RotateRight(x, 41);

    private static ulong SmallSigma0(ulong x) => BitOperations.RotateRight(x, 1) ^ BitOperations.RotateRight(x, 8) ^ (x >> 7);

    private static ulong SmallSigma1(ulong x) => BitOperations.RotateRight(x, 19) ^ BitOperations.RotateRight(x, 61) ^ (x >> 6);
}
