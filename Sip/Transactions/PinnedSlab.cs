namespace Cinema.Sip.Transactions;

/// <summary>
/// Where waiting transactions keep the responses they re-send (see <see cref="Transaction"/>'s <c>Unmoved</c>):
/// copied one after another into 64 KB arrays on the pinned object heap, which the collector never moves. An array of
/// its own per response cost a 24-byte header and its padding besides, about 8 % of a REGISTER's 200 OK. Responses
/// are kept for at most 32 s (Timers J and H) and come in time order, so a chunk is let go, by the collector, about
/// 32 s after it filled. A response larger than an eighth of a chunk gets an array of its own. Thread-safe.
/// </summary>
internal sealed class PinnedSlab
{
    internal const int ChunkSize = 64 * 1024;

    private readonly Lock _gate = new();
    private byte[]? _chunk;
    private int _used;

    public ReadOnlyMemory<byte> Copy(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) return ReadOnlyMemory<byte>.Empty;
        if (bytes.Length > ChunkSize / 8)
        {
            var own = GC.AllocateUninitializedArray<byte>(bytes.Length, pinned: true);
            bytes.CopyTo(own);
            return own;
        }
        Memory<byte> slot;
        lock (_gate)
        {
            if (_chunk is null || _used + bytes.Length > ChunkSize)
            {
                _chunk = GC.AllocateUninitializedArray<byte>(ChunkSize, pinned: true);
                _used = 0;
            }
            slot = _chunk.AsMemory(_used, bytes.Length);
            _used += bytes.Length;
        }
        bytes.CopyTo(slot.Span);
        return slot;
    }
}
