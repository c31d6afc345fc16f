using Cinema.Sip.Transactions;
using Cinema.Sip.Transport;

namespace Cinema.Sip.Tests.Transactions;

/// <summary>
/// A time provider may run a timer's callback on the thread that creates the timer, before CreateTimer returns
/// (FakeTimeProvider does, for whatever has fallen due while another thread moves the clock). That thread is inside
/// the state machine, holding its re-entrant lock: the firing must wait for the step to finish, not be lost in it.
/// </summary>
public class EagerClockTests
{
    [Theory]
    [InlineData("INVITE", 404)] // Timer D starts in the step that takes the 404
    [InlineData("OPTIONS", 404)] // Timer K likewise
    public void A_timer_that_fires_while_its_own_step_is_starting_it_still_ends_the_transaction(string method, int status)
    {
        var clock = new EagerClock();
        var transport = new LoopTransport(clock);
        var user = new RecordingUser();
        using var layer = new TransactionLayer(transport, user, timeProvider: clock);
        var request = method == "INVITE" ? TestMessages.Invite(ViaBranch.New()) : TestMessages.Request(method, ViaBranch.New());
        var transaction = layer.StartClientTransaction(TransactionHarness.Peer, request, user);

        // The timer of the waiting state, and only it, fires at once.
        clock.FireAtOnce = due => due == (method == "INVITE" ? layer.Options.TimerDUnreliable : layer.Options.TimerKUnreliable);
        layer.Receive(new InboundMessage(TestMessages.Response(request, status), TransactionHarness.Peer, transport.LocalEndPointFor(TransactionHarness.Peer.Transport), 0));

        Assert.Equal([$"response {status}", "terminated"], user.LabelsFor(transaction));
        Assert.Equal(TransactionState.Terminated, transaction.State);
        Assert.Equal(0, layer.Count);
        if (method == "INVITE") Assert.Contains("ACK", transport.Sent.Select(s => s.Label));
    }

    /// <summary>
    /// A clock that stands still, except when a timer is set for a delay <see cref="FireAtOnce"/> picks: then it jumps
    /// by that delay and runs the timer's callback there and then, inside CreateTimer or Change.
    /// </summary>
    private sealed class EagerClock : TimeProvider
    {
        private long _ticks = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;

        public Func<TimeSpan, bool> FireAtOnce { get; set; } = _ => false;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Volatile.Read(ref _ticks);

        public override DateTimeOffset GetUtcNow() => new(GetTimestamp(), TimeSpan.Zero);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new EagerTimer(this, callback, state);
            timer.Change(dueTime, period);
            return timer;
        }

        private sealed class EagerTimer(EagerClock clock, TimerCallback callback, object? state) : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                if (dueTime == Timeout.InfiniteTimeSpan || !clock.FireAtOnce(dueTime)) return true;
                Interlocked.Add(ref clock._ticks, dueTime.Ticks);
                callback(state);
                return true;
            }

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
