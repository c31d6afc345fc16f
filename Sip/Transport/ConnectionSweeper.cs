namespace Cinema.Sip.Transport;

/// <summary>How long a connection may be idle, hold a partial message (slowloris), or be stuck in one write.</summary>
internal readonly record struct ConnectionTimeouts(TimeSpan Idle, TimeSpan MessageCompletion, TimeSpan Send)
{
    public TimeSpan Shortest => Min(Min(Idle, MessageCompletion), Send);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}

/// <summary>
/// Closes connections that are idle too long, hold a partial message too long, or are stuck in a write, on one timer
/// of the injected <see cref="TimeProvider"/> (so tests can drive it with a fake clock) rather than a timer each.
/// </summary>
internal sealed class ConnectionSweeper : IDisposable
{
    private readonly ConnectionTable _table;
    private readonly TimeProvider _time;
    private readonly ConnectionTimeouts _timeouts;
    private readonly ITimer _timer;

    public ConnectionSweeper(ConnectionTable table, TimeProvider time, ConnectionTimeouts timeouts)
    {
        _table = table;
        _time = time;
        _timeouts = timeouts;
        var period = Interval(timeouts);
        _timer = time.CreateTimer(static state => ((ConnectionSweeper)state!).Sweep(), this, period, period);
    }

    /// <summary>A quarter of the shortest timeout, between 10 ms and 1 s: a connection lives at most that much too long.</summary>
    public static TimeSpan Interval(in ConnectionTimeouts timeouts) =>
        TimeSpan.FromTicks(Math.Clamp(timeouts.Shortest.Ticks / 4, TimeSpan.TicksPerMillisecond * 10, TimeSpan.TicksPerSecond));

    public void Dispose() => _timer.Dispose();

    private void Sweep()
    {
        var now = _time.GetTimestamp();
        foreach (var connection in _table.All)
        {
            if (connection.Expired(now, _timeouts) is { } reason) connection.Close(reason);
        }
    }
}
