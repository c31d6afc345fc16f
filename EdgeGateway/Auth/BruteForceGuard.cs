using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;

namespace Cinema.Edge.Auth;

/// <summary>
/// Counts authentication failures per source address and per user in a sliding window, to slow answers down and
/// then block (RFC 3261 §26.3.2.4 leaves this to implementations). Blocking is logged once per block with the
/// address, in a line a log watcher such as fail2ban can match:
/// "Authentication blocked: source=192.0.2.7 user=alice@example.com failures=10 seconds=600".
/// </summary>
public sealed partial class BruteForceGuard(ThrottleSettings settings, TimeProvider time, ILogger<BruteForceGuard> logger)
{
    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);

    /// <summary>Whether the source or the user is blocked now (a blocked request is refused without checking its password).</summary>
    public bool IsBlocked(IPAddress source, string? user) =>
        Blocked(SourceKey(source)) || (user is not null && Blocked(UserKey(user)));

    /// <summary>How long to wait before answering after the failures seen so far.</summary>
    public TimeSpan DelayFor(IPAddress source, string? user)
    {
        var sourceShare = Share(SourceKey(source), settings.SourceFailures);
        var userShare = user is null ? 0 : Share(UserKey(user), settings.UserFailures);
        var share = Math.Max(sourceShare, userShare);
        // No delay below half the threshold, then growing to MaxDelay at the threshold.
        return share <= 0.5 ? TimeSpan.Zero : settings.MaxDelay * ((share - 0.5) * 2);
    }

    public void Failed(IPAddress source, string? user)
    {
        var now = time.GetUtcNow();
        var count = Add(SourceKey(source), now);
        if (count == settings.SourceFailures) Block(SourceKey(source), now, source, user, count);
        if (user is not null)
        {
            var userCount = Add(UserKey(user), now);
            if (userCount == settings.UserFailures) Block(UserKey(user), now, source, user, userCount);
        }
        Trim();
    }

    /// <summary>A correct login clears the record of its source and user.</summary>
    public void Succeeded(IPAddress source, string user)
    {
        if (_counters.TryGetValue(SourceKey(source), out var s) && !Blocked(s)) _counters.TryRemove(SourceKey(source), out _);
        if (_counters.TryGetValue(UserKey(user), out var u) && !Blocked(u)) _counters.TryRemove(UserKey(user), out _);
    }

    public int Tracked => _counters.Count;

    private int Add(string key, DateTimeOffset now)
    {
        var counter = _counters.GetOrAdd(key, static _ => new Counter());
        lock (counter)
        {
            while (counter.Failures.Count > 0 && now - counter.Failures.Peek() > settings.Window) counter.Failures.Dequeue();
            counter.Failures.Enqueue(now);
            counter.LastSeen = now;
            return counter.Failures.Count;
        }
    }

    private void Block(string key, DateTimeOffset now, IPAddress source, string? user, int failures)
    {
        if (!_counters.TryGetValue(key, out var counter)) return;
        lock (counter) counter.BlockedUntil = now + settings.Block;
        LogBlocked(logger, source, user ?? "-", failures, (int)settings.Block.TotalSeconds);
    }

    private bool Blocked(string key) => _counters.TryGetValue(key, out var c) && Blocked(c);

    private bool Blocked(Counter c)
    {
        lock (c) return c.BlockedUntil > time.GetUtcNow();
    }

    private double Share(string key, int threshold)
    {
        if (!_counters.TryGetValue(key, out var c)) return 0;
        var now = time.GetUtcNow();
        lock (c)
        {
            var recent = c.Failures.Count(f => now - f <= settings.Window);
            return (double)recent / threshold;
        }
    }

    /// <summary>Keeps the table within its capacity, forgetting the entries seen longest ago that are not blocked.</summary>
    private void Trim()
    {
        if (_counters.Count <= settings.Capacity) return;
        var now = time.GetUtcNow();
        foreach (var (key, c) in _counters.OrderBy(p => p.Value.LastSeen).Take(_counters.Count - (settings.Capacity * 9 / 10)))
        {
            if (c.BlockedUntil <= now) _counters.TryRemove(key, out _);
        }
    }

    private static string SourceKey(IPAddress a) => "s:" + a;

    private static string UserKey(string user) => "u:" + user;

    private sealed class Counter
    {
        public Queue<DateTimeOffset> Failures { get; } = new();

        public DateTimeOffset LastSeen { get; set; }

        public DateTimeOffset BlockedUntil { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Authentication blocked: source={Source} user={User} failures={Failures} seconds={Seconds}")]
    private static partial void LogBlocked(ILogger logger, IPAddress source, string user, int failures, int seconds);
}
