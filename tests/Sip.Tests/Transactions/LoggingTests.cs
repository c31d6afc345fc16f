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
