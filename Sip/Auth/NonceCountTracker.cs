namespace Cinema.Sip.Auth;

/// <summary>
/// Remembers the highest nonce-count seen per nonce and refuses counts that do not increase
/// (RFC 7616 §3.4 nc, §5.5 replay attacks). Thread-safe and bounded: least recently used nonces are forgotten.
/// </summary>
/// <remarks>
/// Forgetting must not reopen a replay window, so the tracker keeps a watermark: the latest issue time among
/// forgotten nonces. A nonce it does not know and that was issued at or before the watermark may have been
/// forgotten, so it is refused; the client is then challenged again with a fresh nonce. The state is per process:
/// a nonce replayed to another gateway sharing the secret is not caught there.
/// </remarks>
public sealed class NonceCountTracker
{
    /// <summary>Default number of nonces remembered; a few MB of memory.</summary>
    public const int DefaultCapacity = 100_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recency = new();
    private DateTimeOffset _forgottenUpTo = DateTimeOffset.MinValue;

    /// <param name="capacity">Most nonces remembered at once.</param>
    public NonceCountTracker(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>Most nonces remembered at once.</summary>
    public int Capacity { get; }

    /// <summary>Nonces remembered now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>
    /// Records <paramref name="nonceCount"/> for <paramref name="nonce"/> if it is greater than every count seen for it.
    /// </summary>
    /// <param name="nonce">The nonce, as validated by <see cref="NonceService"/>.</param>
    /// <param name="nonceCount">The nc value; counts start at 1.</param>
    /// <param name="issuedAt">When the nonce was issued (<see cref="NonceValidation.IssuedAt"/>).</param>
    /// <returns>False for a replayed or reordered count, or an unknown nonce that may have been forgotten.</returns>
    public bool TryAccept(string nonce, uint nonceCount, DateTimeOffset issuedAt)
    {
        ArgumentNullException.ThrowIfNull(nonce);
        if (nonceCount == 0)
        {
            return false;
        }

        lock (_lock)
        {
            if (_entries.TryGetValue(nonce, out var node))
            {
                if (nonceCount <= node.Value.HighestCount)
                {
                    return false;
                }

                node.Value.HighestCount = nonceCount;
                _recency.Remove(node);
                _recency.AddFirst(node);
                return true;
            }

            if (issuedAt <= _forgottenUpTo)
            {
                return false;
            }

            _entries.Add(nonce, _recency.AddFirst(new Entry(nonce, issuedAt) { HighestCount = nonceCount }));
            while (_entries.Count > Capacity)
            {
                var oldest = _recency.Last!;
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Nonce);
                if (oldest.Value.IssuedAt > _forgottenUpTo)
                {
                    _forgottenUpTo = oldest.Value.IssuedAt;
                }
            }

            return true;
        }
    }

    private sealed class Entry(string nonce, DateTimeOffset issuedAt)
    {
        public string Nonce { get; } = nonce;

        public DateTimeOffset IssuedAt { get; } = issuedAt;

        public uint HighestCount { get; set; }
    }
}
