namespace Cinema.Sip.Transport;

/// <summary>
/// Closes connections that have been idle too long or that have held a partial message too long (slowloris), on a
/// timer of the injected <see cref="TimeProvider"/>, so tests can drive it with a fake clock.
/// </summary>
internal sealed class ConnectionSweeper : IDisposable
{
    private readonly ConnectionTable _table;
    private readonly TimeProvider _time;
    private readonly TimeSpan _idleTimeout;
    private readonly TimeSpan _completionTimeout;
    private readonly ITimer _timer;

    public ConnectionSweeper(ConnectionTable table, TimeProvider time, TimeSpan idleTimeout, TimeSpan completionTimeout)
    {
        _table = table;
        _time = time;
        _idleTimeout = idleTimeout;
        _completionTimeout = completionTimeout;
        var period = Interval(idleTimeout, completionTimeout);
        _timer = time.CreateTimer(static state => ((ConnectionSweeper)state!).Sweep(), this, period, period);
    }

    /// <summary>A quarter of the shorter timeout, between 10 ms and 1 s: a connection lives at most that much too long.</summary>
    public static TimeSpan Interval(TimeSpan idleTimeout, TimeSpan completionTimeout)
    {
        var quarter = (idleTimeout < completionTimeout ? idleTimeout : completionTimeout) / 4;
        return quarter < TimeSpan.FromMilliseconds(10) ? TimeSpan.FromMilliseconds(10)
            : quarter > TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : quarter;
    }

    public void Dispose() => _timer.Dispose();

    private void Sweep()
    {
        var now = _time.GetTimestamp();
        foreach (var connection in _table.All)
        {
            if (connection.Expired(now, _idleTimeout, _completionTimeout) is { } reason) connection.Close(reason);
        }
    }
}
