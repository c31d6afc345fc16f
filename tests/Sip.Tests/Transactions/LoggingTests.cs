using Cinema.Sip.Transactions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Cinema.Sip.Tests.Transactions;

/// <summary>What the layer tells operators through the injected logger.</summary>
public sealed class LoggingTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly ListLogger<TransactionLayer> _log = new();
    private readonly RecordingUser _user = new();
    private readonly LoopTransport _wire;
    private readonly TransactionLayer _layer;

    public LoggingTests()
    {
        _wire = new LoopTransport(_time);
        _layer = new TransactionLayer(_wire, _user, timeProvider: _time, logger: _log);
    }

    public void Dispose() => _layer.Dispose();

    [Fact]
    public void A_throwing_TU_is_logged_as_an_error_with_its_exception()
    {
        _user.Throw = true;
        var tx = _layer.StartClientTransaction(TransactionHarness.Peer, TestMessages.Request("OPTIONS"), _user);

        _layer.Receive(new Cinema.Sip.Transport.InboundMessage(TestMessages.Response(tx.Request, 200), TransactionHarness.Peer, TransactionHarness.Peer, 0));

        var error = Assert.Single(_log.Entries, e => e.Level == LogLevel.Error);
        Assert.IsType<InvalidOperationException>(error.Exception);
        Assert.Contains("OPTIONS transaction z9hG4bK776asdhds", error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_timer_that_fails_is_logged_and_the_timers_of_other_transactions_still_fire()
    {
        // Timers K of both share one runtime timer; the first one's handling throws (here: a broken log sink).
        var first = _layer.StartClientTransaction(TransactionHarness.Peer, TestMessages.Request("OPTIONS", "z9hG4bKfirst"), _user);
        var second = _layer.StartClientTransaction(TransactionHarness.Peer, TestMessages.Request("OPTIONS", "z9hG4bKsecond"), _user);
        foreach (var tx in new[] { first, second })
            _layer.Receive(new Cinema.Sip.Transport.InboundMessage(TestMessages.Response(tx.Request, 200), TransactionHarness.Peer, TransactionHarness.Peer, 0));
        _log.ThrowWhen = text => text.Contains("z9hG4bKfirst", StringComparison.Ordinal) && text.EndsWith("Completed -> Terminated", StringComparison.Ordinal);

        _time.Advance(_layer.Options.TimerKUnreliable);

        Assert.Equal(TransactionState.Terminated, second.State);
        Assert.Equal(["response 200", "terminated"], _user.LabelsFor(second));
        var error = Assert.Single(_log.Entries, e => e.Level == LogLevel.Error);
        Assert.Equal("Timer K of a transaction failed; the other transactions' timers go on", error.Text);
    }

    [Fact]
    public void Transport_errors_are_logged_with_their_reason()
    {
        _wire.FailWhen = _ => "connection refused";

        _layer.StartClientTransaction(TransactionHarness.Peer, TestMessages.Request("OPTIONS"), _user);

        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Information && e.Text.EndsWith("transport error: connection refused", StringComparison.Ordinal));
    }

    [Fact]
    public void Dropped_stray_responses_and_state_changes_are_logged_at_low_levels()
    {
        var tx = _layer.StartClientTransaction(TransactionHarness.Peer, TestMessages.Request("OPTIONS"), _user);
        _layer.Receive(new Cinema.Sip.Transport.InboundMessage(TestMessages.Response(TestMessages.Request("BYE"), 200), TransactionHarness.Peer, TransactionHarness.Peer, 0));
        _layer.Receive(new Cinema.Sip.Transport.InboundMessage(TestMessages.Response(tx.Request, 200), TransactionHarness.Peer, TransactionHarness.Peer, 0));

        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Debug && e.Text.StartsWith("Dropped a stray 200 response to BYE", StringComparison.Ordinal));
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Trace && e.Text.EndsWith("Trying -> Completed", StringComparison.Ordinal));
    }
}
