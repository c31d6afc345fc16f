using Microsoft.Extensions.Logging;

namespace Cinema.Sip.Transactions;

/// <summary>
/// The timers that end a waiting state (Timers D, I, J, K, L and M: a fixed delay from the layer's options, up to
/// 32 s, almost never stopped early) share one runtime timer per delay instead of one each. With a single delay,
/// deadlines come in the order they were set, so a queue holds them and the runtime timer is armed for the oldest.
/// A runtime timer costs about 120 bytes and a global lock to create and to dispose; a queued one is a 24-byte entry.
/// Stopping one only marks its transaction's slot; the entry stays queued until its deadline passes.
/// The entries live in fixed segments (<see cref="Entries"/>) rather than one array that doubles: after a burst, a
/// doubling array keeps its largest size for ever and leaves every smaller copy as garbage on the large object heap.
/// </summary>
internal sealed class DeadlineQueue : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Entries _entries = new();
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
                if (_entries.IsEmpty)
                {
                    _armed = false;
                    return;
                }
                var head = _entries.Peek();
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

    /// <summary>
    /// A first-in first-out queue of deadlines in segments of <see cref="SegmentSize"/> entries (96 KB each): it grows
    /// by a segment at a time and gives each drained segment back (keeping one spare, so a queue that hovers at a
    /// segment's edge does not allocate), so it holds about what is queued, not the most it ever held. Under the
    /// queue's lock.
    /// </summary>
    internal sealed class Entries
    {
        internal const int SegmentSize = 4096;

        private Segment _head;
        private Segment _tail;
        private Segment? _spare;
        private int _headIndex;
        private int _tailIndex;

        public Entries() => _head = _tail = new Segment();

        public bool IsEmpty => _head == _tail && _headIndex == _tailIndex;

        /// <summary>Segments in use, for tests.</summary>
        internal int SegmentCount
        {
            get
            {
                var n = 1;
                for (var s = _head; s != _tail; s = s.Next!) n++;
                return n;
            }
        }

        public void Enqueue((long Due, Transaction Owner, int Run) entry)
        {
            if (_tailIndex == SegmentSize)
            {
                var next = _spare ?? new Segment();
                _spare = null;
                _tail.Next = next;
                _tail = next;
                _tailIndex = 0;
            }
            _tail.Items[_tailIndex++] = entry;
        }

        public (long Due, Transaction Owner, int Run) Peek() =>
            IsEmpty ? throw new InvalidOperationException("The queue is empty.") : _head.Items[_headIndex];

        public (long Due, Transaction Owner, int Run) Dequeue()
        {
            var entry = Peek();
            _head.Items[_headIndex++] = default; // the transaction may go once its deadline has passed
            if (_head == _tail && _headIndex == _tailIndex)
            {
                _headIndex = _tailIndex = 0; // empty: start the one segment again
            }
            else if (_headIndex == SegmentSize)
            {
                var drained = _head;
                _head = drained.Next!;
                _headIndex = 0;
                drained.Next = null;
                _spare ??= drained;
            }
            return entry;
        }

        private sealed class Segment
        {
            public readonly (long Due, Transaction Owner, int Run)[] Items = new (long, Transaction, int)[SegmentSize];
            public Segment? Next;
        }
    }
}
