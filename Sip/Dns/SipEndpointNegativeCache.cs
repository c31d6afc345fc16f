using System.Collections.Concurrent;
using System.Net;

using Cinema.Sip.Transport;

namespace Cinema.Sip.Dns;

/// <summary>
/// Remembers endpoints that failed recently so new requests try healthy ones first. Thread-safe;
/// share one instance across requests.
/// </summary>
/// <remarks>
/// RFC 3263 §4.3 only defines failover within one request; remembering failures across requests
/// keeps every new transaction from waiting out the same dead server (RFC 3261 Timer B is 32 s).
/// </remarks>
public sealed class SipEndpointNegativeCache
{
    private const int PurgeThreshold = 256;

    private readonly ConcurrentDictionary<(IPEndPoint EndPoint, SipTransportKind Transport), DateTimeOffset> _entries = new();
    private readonly TimeProvider _timeProvider;

    /// <param name="defaultDuration">How long a failed endpoint stays out of favour.</param>
    /// <param name="timeProvider">Clock; defaults to the system clock.</param>
    public SipEndpointNegativeCache(TimeSpan defaultDuration, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(defaultDuration, TimeSpan.Zero);
        DefaultDuration = defaultDuration;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    public TimeSpan DefaultDuration { get; }

    /// <summary>Number of endpoints currently marked as failed.</summary>
    public int Count
    {
        get
        {
            Purge();
            return _entries.Count;
        }
    }

    /// <summary>
    /// Marks an endpoint as failed for <paramref name="duration"/> (default <see cref="DefaultDuration"/>).
    /// An existing longer mark is kept.
    /// </summary>
    /// <param name="endpoint">The endpoint that failed.</param>
    /// <param name="duration">For a 503 with Retry-After, the Retry-After time (RFC 3261 §21.5.4).</param>
    public void MarkFailed(SipServerEndpoint endpoint, TimeSpan? duration = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var length = duration ?? DefaultDuration;
        if (length <= TimeSpan.Zero)
        {
            return;
        }

        var until = _timeProvider.GetUtcNow() + length;
        _entries.AddOrUpdate(Key(endpoint), until, (_, existing) => existing > until ? existing : until);
        if (_entries.Count > PurgeThreshold)
        {
            Purge();
        }
    }

    /// <summary>Forgets a failure, for example after the endpoint answered again.</summary>
    public void MarkSucceeded(SipServerEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _entries.TryRemove(Key(endpoint), out _);
    }

    /// <summary>True while the endpoint's failure mark has not expired.</summary>
    public bool IsFailed(SipServerEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var key = Key(endpoint);
        if (!_entries.TryGetValue(key, out var until))
        {
            return false;
        }

        if (until > _timeProvider.GetUtcNow())
        {
            return true;
        }

        // Remove only the entry we saw, in case another thread has just refreshed it.
        _entries.TryRemove(new KeyValuePair<(IPEndPoint, SipTransportKind), DateTimeOffset>(key, until));
        return false;
    }

    /// <summary>Forgets every failure.</summary>
    public void Clear() => _entries.Clear();

    // The TLS name is irrelevant to whether the address answers, so it is not part of the key.
    private static (IPEndPoint, SipTransportKind) Key(SipServerEndpoint endpoint) => (endpoint.EndPoint, endpoint.Transport);

    private void Purge()
    {
        var now = _timeProvider.GetUtcNow();
        foreach (var entry in _entries)
        {
            if (entry.Value <= now)
            {
                _entries.TryRemove(entry);
            }
        }
    }
}
