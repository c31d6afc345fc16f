using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;

namespace Cinema.Sip.Transport;

/// <summary>
/// A token bucket per source (<see cref="SourceKey"/>) in a table of bounded size, asked once per message before
/// the message is parsed: a datagram without a token is dropped (<see cref="TryAcquire"/>), a message from a
/// connection waits for one (<see cref="WaitAsync"/>). Thread-safe; no allocation for a source that already has a
/// bucket and a token.
/// </summary>
/// <remarks>
/// System.Threading.RateLimiting's partitioned limiter would do the arithmetic, but it keeps an idle partition for
/// a fixed ten seconds with no cap on how many there are, so a flood from forged source addresses grows it with
/// the flood's rate; it takes one lock for all partitions on every acquire; and it has no place for the per-source episode needed to log once when a source starts being
/// limited and once when it stops. Here a bucket is refilled lazily when asked, forgotten as soon as it is full
/// again (forgetting a full bucket changes nothing: a new source starts full), and beyond
/// <see cref="SourceRateLimit.MaxTrackedSources"/> the untracked sources share one bucket.
/// </remarks>
internal sealed class SourceRateLimiter : IDisposable
{
    /// <summary>How often idle buckets are forgotten and ended episodes logged.</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);

    /// <summary>A source is "no longer limited" after this long without a message dropped or held back.</summary>
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromSeconds(2);

    // Individual log lines per sweep interval; beyond, one line sums up the rest (a flood from many addresses).
    private const int LinesPerInterval = 10;

    private readonly ConcurrentDictionary<SourceKey, Bucket> _buckets = new();
    private readonly Bucket _shared;
    private readonly string _what;
    private readonly double _perSecond;
    private readonly double _burst;
    private readonly int _maxSources;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ITimer _timer;
    private int _count;
    private long _dropped;
    private long _delayed;
    private int _startLines;
    private int _startsNotLogged;
    private long _sharedLastUsed;
    private int _full;
    private int _sweeping;

    /// <param name="what">"requests" or "responses", for the log.</param>
    /// <param name="perSecond">Refill rate of each bucket.</param>
    /// <param name="burst">Size of each bucket.</param>
    /// <param name="maxSources">Buckets kept at once.</param>
    /// <param name="time">Clock for refills and for the sweep timer.</param>
    /// <param name="logger">Where episodes are reported.</param>
    public SourceRateLimiter(string what, int perSecond, int burst, int maxSources, TimeProvider time, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSources);
        _what = what;
        _perSecond = perSecond;
        _burst = burst;
        _maxSources = maxSources;
        _time = time;
        _logger = logger;
        _shared = new Bucket(null, _burst, time.GetTimestamp());
        _timer = time.CreateTimer(static state => ((SourceRateLimiter)state!).Sweep(), this, SweepInterval, SweepInterval);
    }

    /// <summary>Sources that have a bucket of their own now.</summary>
    public int TrackedSources => Volatile.Read(ref _count);

    /// <summary>Messages dropped since the start (<see cref="TryAcquire"/>).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Messages that had to wait for a token since the start (<see cref="WaitAsync"/>).</summary>
    public long Delayed => Interlocked.Read(ref _delayed);

    /// <summary>Takes a token from the source's bucket: true when the message may go on, false when it is to be dropped.</summary>
    public bool TryAcquire(IPAddress source) => Take(SourceKey.Of(source), Refusal.Drop, out _);

    /// <summary>Takes a token from the source's bucket, waiting for one if it is empty.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    public ValueTask WaitAsync(IPAddress source, CancellationToken cancellationToken)
    {
        var key = SourceKey.Of(source);
        return Take(key, Refusal.Delay, out var wait) ? ValueTask.CompletedTask : WaitForTokenAsync(key, wait, cancellationToken);
    }

    private async ValueTask WaitForTokenAsync(SourceKey key, TimeSpan wait, CancellationToken cancellationToken)
    {
        // Another waiter from the same source may take the token first; then this one waits for the next.
        do await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        while (!Take(key, Refusal.DelayAgain, out wait));
    }

    private bool Take(SourceKey key, Refusal refusal, out TimeSpan wait)
    {
        var now = _time.GetTimestamp();
        while (true)
        {
            var bucket = BucketFor(key, now);
            bool started;
            lock (bucket)
            {
                if (bucket.Removed) continue; // the sweep forgot it just now: take the new one
                Refill(bucket, now);
                if (bucket.Tokens >= 1)
                {
                    bucket.Tokens -= 1;
                    wait = TimeSpan.Zero;
                    return true;
                }

                // At least a millisecond, so that a waiter at a very high rate does not spin.
                wait = TimeSpan.FromSeconds(Math.Max((1 - bucket.Tokens) / _perSecond, 0.001));
                if (refusal == Refusal.Drop) bucket.Dropped++;
                else if (refusal == Refusal.Delay) bucket.Delayed++;
                bucket.LastLimited = now;
                started = !bucket.Limited;
                if (started)
                {
                    bucket.Limited = true;
                    bucket.LimitedSince = now;
                }
            }

            if (refusal == Refusal.Drop) Interlocked.Increment(ref _dropped);
            else if (refusal == Refusal.Delay) Interlocked.Increment(ref _delayed);
            if (started) ReportStarted(bucket);
            return false;
        }
    }

    public void Dispose() => _timer.Dispose();

    /// <summary>
    /// Forgets the buckets that have refilled and ends (and logs) the episodes of sources that have been quiet for
    /// <see cref="QuietPeriod"/>. Run by the timer every <see cref="SweepInterval"/>.
    /// </summary>
    internal void Sweep()
    {
        if (Interlocked.Exchange(ref _sweeping, 1) != 0) return; // the previous sweep is still running
        try
        {
            var now = _time.GetTimestamp();
            var ended = new EndedEpisodes();
            foreach (var pair in _buckets)
            {
                var bucket = pair.Value;
                lock (bucket)
                {
                    EndIfQuiet(bucket, now, ref ended);
                    Refill(bucket, now);
                    if (!bucket.Limited && bucket.Tokens >= _burst && _buckets.TryRemove(pair))
                    {
                        bucket.Removed = true;
                        Interlocked.Decrement(ref _count);
                    }
                }
            }

            lock (_shared) EndIfQuiet(_shared, now, ref ended);
            if (ended.NotLogged > 0) SipTransportLog.MoreSourcesWithinLimit(_logger, ended.NotLogged, _what, ended.NotLoggedDropped, ended.NotLoggedDelayed);
            var startsNotLogged = Interlocked.Exchange(ref _startsNotLogged, 0);
            Volatile.Write(ref _startLines, 0);
            if (startsNotLogged > 0) SipTransportLog.MoreSourcesLimited(_logger, startsNotLogged, _what, SweepInterval);
            if (Volatile.Read(ref _full) == 1 && _time.GetElapsedTime(Volatile.Read(ref _sharedLastUsed), now) >= QuietPeriod
                && Interlocked.Exchange(ref _full, 0) == 1)
                SipTransportLog.SourceTableHasRoom(_logger, _what);
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }

    private Bucket BucketFor(SourceKey key, long now)
    {
        while (true)
        {
            if (_buckets.TryGetValue(key, out var bucket)) return bucket;
            if (Interlocked.Increment(ref _count) > _maxSources)
            {
                Interlocked.Decrement(ref _count);
                Volatile.Write(ref _sharedLastUsed, now);
                if (Interlocked.Exchange(ref _full, 1) == 0) SipTransportLog.SourceTableFull(_logger, _maxSources, _what);
                return _shared;
            }

            var created = new Bucket(key, _burst, now);
            if (_buckets.TryAdd(key, created)) return created;
            Interlocked.Decrement(ref _count); // another thread added it first: use that one
        }
    }

    private void Refill(Bucket bucket, long now)
    {
        var elapsed = _time.GetElapsedTime(bucket.Refilled, now).TotalSeconds;
        if (elapsed <= 0) return;
        bucket.Tokens = Math.Min(_burst, bucket.Tokens + elapsed * _perSecond);
        bucket.Refilled = now;
    }

    private void ReportStarted(Bucket bucket)
    {
        if (Interlocked.Increment(ref _startLines) <= LinesPerInterval)
            SipTransportLog.SourceLimited(_logger, _what, Describe(bucket), _perSecond, _burst);
        else Interlocked.Increment(ref _startsNotLogged);
    }

    private void EndIfQuiet(Bucket bucket, long now, ref EndedEpisodes ended)
    {
        if (!bucket.Limited || _time.GetElapsedTime(bucket.LastLimited, now) < QuietPeriod) return;
        if (++ended.Count <= LinesPerInterval)
        {
            SipTransportLog.SourceWithinLimit(_logger, Describe(bucket), _what, bucket.Dropped, bucket.Delayed,
                _time.GetElapsedTime(bucket.LimitedSince, bucket.LastLimited).TotalSeconds);
        }
        else
        {
            ended.NotLogged++;
            ended.NotLoggedDropped += bucket.Dropped;
            ended.NotLoggedDelayed += bucket.Delayed;
        }

        bucket.Limited = false;
        bucket.Dropped = 0;
        bucket.Delayed = 0;
    }

    private string Describe(Bucket bucket) =>
        bucket.Key?.ToString() ?? $"sources beyond the {_maxSources} tracked";

    private struct EndedEpisodes
    {
        public int Count;
        public int NotLogged;
        public long NotLoggedDropped;
        public long NotLoggedDelayed;
    }

    /// <summary>One source's tokens and its current episode of being limited; guarded by locking the bucket.</summary>
    private sealed class Bucket(SourceKey? key, double tokens, long now)
    {
        public SourceKey? Key { get; } = key;

        public double Tokens { get; set; } = tokens;

        public long Refilled { get; set; } = now;

        /// <summary>Set when the sweep has taken it out of the table: a caller holding it must look again.</summary>
        public bool Removed { get; set; }

        public bool Limited { get; set; }

        public long LimitedSince { get; set; }

        public long LastLimited { get; set; }

        /// <summary>Messages dropped in the current episode.</summary>
        public long Dropped { get; set; }

        /// <summary>Messages held back in the current episode.</summary>
        public long Delayed { get; set; }
    }

    /// <summary>What becomes of a message when the bucket is empty, for the counts.</summary>
    private enum Refusal
    {
        Drop,
        Delay,
        DelayAgain,
    }
}
