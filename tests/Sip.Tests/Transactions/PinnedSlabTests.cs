using System.Runtime.InteropServices;
using Cinema.Sip.Transactions;

namespace Cinema.Sip.Tests.Transactions;

/// <summary>
/// The store of responses that waiting transactions re-send: each copy reads back as what was stored, small ones
/// share pinned chunks (no array, and no 24-byte header, of their own), large ones get their own.
/// </summary>
public class PinnedSlabTests
{
    [Fact]
    public void Small_responses_are_copied_side_by_side_into_a_shared_pinned_chunk_until_it_is_full()
    {
        var slab = new PinnedSlab();
        var response = new byte[333];
        var stored = new List<ReadOnlyMemory<byte>>();
        for (var i = 0; i < 400; i++)
        {
            Array.Fill(response, (byte)i);
            stored.Add(slab.Copy(response));
        }

        for (var i = 0; i < stored.Count; i++)
        {
            Assert.Equal(333, stored[i].Length);
            Assert.All(stored[i].ToArray(), b => Assert.Equal((byte)i, b));
        }
        var chunks = stored.Select(m => MemoryMarshal.TryGetArray(m, out var segment) ? segment.Array! : null).Distinct().ToList();
        var perChunk = PinnedSlab.ChunkSize / 333;
        Assert.Equal((400 + perChunk - 1) / perChunk, chunks.Count);
        Assert.All(chunks, c => Assert.Equal(PinnedSlab.ChunkSize, c!.Length));
    }

    [Fact]
    public void A_large_response_gets_an_array_of_its_own_and_an_empty_one_takes_nothing()
    {
        var slab = new PinnedSlab();
        var large = Enumerable.Range(0, (PinnedSlab.ChunkSize / 8) + 1).Select(i => (byte)i).ToArray();

        var stored = slab.Copy(large);

        Assert.True(MemoryMarshal.TryGetArray(stored, out var segment));
        Assert.Equal(large.Length, segment.Array!.Length);
        Assert.Equal(large, stored.ToArray());
        Assert.True(slab.Copy(ReadOnlySpan<byte>.Empty).IsEmpty);
    }
}
