using Microsoft.Extensions.Logging;

namespace Cinema.Sip.Transactions;

/// <summary>
/// The timers that end a waiting state (Timers D, I, J, K, L and M: a fixed delay from the layer's options, up to
/// 32 s, almost never stopped early) share one runtime timer per delay instead of one each. With a single delay,
/// deadlines come in the order they were set, so a queue holds them and the runtime timer is armed for the oldest.
/// A runtime timer costs about 120 bytes and a global lock to create and to dispose; a queued one is a 24-byte entry.
/// Stopping one only marks its transaction's slot; the entry stays queued until its deadline passes.
/// </summary>
internal sealed class DeadlineQueue : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Queue<(long Due, Transaction Owner, int Run)> _entries = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _delay;
    private readonly long _delayTicks;
    private readonly ITimer _timer;
    private readonly ILogger _logger;
    private bool _armed;

    public DeadlineQueue(TimeProvider time, TimeSpan delay, ILogger logger)
    {
        _time = time;
        _logger = logger;
        _delay = delay;
        _delayTicks = (long)(delay.Ticks * (time.TimestampFrequency / (double)TimeSpan.TicksPerSecond));
        _timer = time.CreateTimer(static s => ((DeadlineQueue)s!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public void Add(Transaction owner, int run)
    {
        bool arm;
        lock (_gate)
        {
            _entries.Enqueue((_time.GetTimestamp() + _delayTicks, owner, run));
            arm = !_armed;
            _armed = true;
        }
        // Outside the lock: a time provider may run due callbacks on this thread while arming.
        if (arm) _timer.Change(_delay, Timeout.InfiniteTimeSpan);
    }

    public void Dispose() => _timer.Dispose();

    private void Fire()
    {
        while (true)
        {
            (long Due, Transaction Owner, int Run) due;
            TimeSpan? next = null;
            lock (_gate)
            {
                if (!_entries.TryPeek(out var head))
                {
                    _armed = false;
                    return;
                }
                var now = _time.GetTimestamp();
                if (head.Due > now) next = _time.GetElapsedTime(now, head.Due);
                else _entries.Dequeue();
                due = head;
            }
            if (next is { } wait)
            {
                _timer.Change(wait, Timeout.InfiniteTimeSpan);
                return;
            }
            try
            {
                due.Owner.OnFinalTimerFired(due.Run);
            }
#pragma warning disable CA1031 // One machine's failure must not stop the timers of every other transaction.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                TransactionLog.TimerFailed(_logger, due.Owner.FinalTimer, ex);
            }
        }
    }
}
