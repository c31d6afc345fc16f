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

    /// <summary>Timers that never fire, except those <see cref="FireAtOnce"/> picks: those run inside CreateTimer.</summary>
    private sealed class EagerClock : TimeProvider
    {
        public Func<TimeSpan, bool> FireAtOnce { get; set; } = _ => false;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (FireAtOnce(dueTime)) callback(state);
            return new IdleTimer();
        }

        private sealed class IdleTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
