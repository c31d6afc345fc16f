using System.Security.Cryptography;
using System.Text;
using Cinema.Sip.Auth;

namespace Cinema.Sip.Tests.Auth;

public class Sha512_256Tests
{
    // FIPS 180-4 examples (NIST "SHA512_256.pdf" example values) and the million-'a' long-message vector.
    [Theory]
    [InlineData("abc", "53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23")]
    [InlineData("", "c672b8d1ef56ed28ab87c3622c5114069bdd3ad7b8f9737498d0c01ecef0967a")]
    [InlineData(
        "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
        "3928e184fb8690f840da3988121d31be65cb9d3ef83ee6146feac861e19b563a")]
    public void Hash_matches_FIPS_180_4_example(string message, string expectedHex)
    {
        var hash = Sha512_256.HashData(Encoding.ASCII.GetBytes(message));

        Assert.Equal(expectedHex, Convert.ToHexStringLower(hash));
    }

    [Fact]
    public void Hash_of_a_million_a_matches_long_message_vector()
    {
        var message = new byte[1_000_000];
        Array.Fill(message, (byte)'a');

        Assert.Equal(
            "9a59a052930187a97038cae692f30708aa6491923ef5194394dc68d56c74fb21",
            Convert.ToHexStringLower(Sha512_256.HashData(message)));
    }

    [Fact]
    public void Compression_core_with_the_SHA_512_IV_equals_platform_SHA_512_at_every_padding_boundary()
    {
        ulong[] sha512Iv =
        [
            0x6A09E667F3BCC908UL, 0xBB67AE8584CAA73BUL, 0x3C6EF372FE94F82BUL, 0xA54FF53A5F1D36F1UL,
            0x510E527FADE682D1UL, 0x9B05688C2B3E6C1FUL, 0x1F83D9ABFB41BD6BUL, 0x5BE0CD19137E2179UL,
        ];
        var random = new Random(7616);
        for (var length = 0; length <= 300; length++)
        {
            var message = new byte[length];
            random.NextBytes(message);
            var ours = new byte[64];

            Sha512_256.HashSha512Family(sha512Iv, message, ours);

            Assert.Equal(SHA512.HashData(message), ours);
        }
    }

    [Fact]
    public void Initial_hash_value_is_the_FIPS_180_4_IV_generation_of_SHA_512_256()
    {
        // FIPS 180-4 §5.3.6: H(0) = SHA-512 started from (SHA-512 H(0) xor a5a5...a5) over "SHA-512/256".
        ulong[] tweakedIv =
        [
            0x6A09E667F3BCC908UL ^ 0xA5A5A5A5A5A5A5A5UL, 0xBB67AE8584CAA73BUL ^ 0xA5A5A5A5A5A5A5A5UL,
            0x3C6EF372FE94F82BUL ^ 0xA5A5A5A5A5A5A5A5UL, 0xA54FF53A5F1D36F1UL ^ 0xA5A5A5A5A5A5A5A5UL,
            0x510E527FADE682D1UL ^ 0xA5A5A5A5A5A5A5A5UL, 0x9B05688C2B3E6C1FUL ^ 0xA5A5A5A5A5A5A5A5UL,
            0x1F83D9ABFB41BD6BUL ^ 0xA5A5A5A5A5A5A5A5UL, 0x5BE0CD19137E2179UL ^ 0xA5A5A5A5A5A5A5A5UL,
        ];
        var derived = new byte[64];

        Sha512_256.HashSha512Family(tweakedIv, Encoding.ASCII.GetBytes("SHA-512/256"), derived);

        var expected = Sha512_256.InitialHashValue.SelectMany(word => BitConverter.GetBytes(word).Reverse()).ToArray();
        Assert.Equal(expected, derived);
    }

    [Fact]
    public void Digest_algorithm_SHA_512_256_uses_the_distinct_IV_not_truncated_SHA_512()
    {
        var message = Encoding.ASCII.GetBytes("abc");

        var viaAlgorithm = DigestAlgorithm.Sha512T256.Hash(message);

        Assert.Equal(32, viaAlgorithm.Length);
        Assert.NotEqual(SHA512.HashData(message)[..32], viaAlgorithm);
        Assert.Equal("53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23", Convert.ToHexStringLower(viaAlgorithm));
    }
}
