using Cinema.Sip.Messages;
using Cinema.Sip.Transactions;
using Cinema.Sip.Transport;

namespace Cinema.Sip.Tests.Transactions;

/// <summary>The await-friendly client TU: a task for the outcome, a channel of responses.</summary>
public class ClientTransactionCompletionTests
{
    [Fact]
    public async Task Final_completes_with_the_final_response_and_responses_yield_everything_passed_up()
    {
        using var h = new TransactionHarness();
        var request = TestMessages.Request("OPTIONS");
        var completion = new ClientTransactionCompletion();
        h.Layer.StartClientTransaction(TransactionHarness.Peer, request, completion);

        h.Receive(TestMessages.Response(request, 100));
        Assert.False(completion.Final.IsCompleted);
        h.Receive(TestMessages.Response(request, 200));
        var outcome = await completion.Final;

        Assert.Equal(200, outcome.FinalResponse!.StatusCode);
        Assert.False(outcome.TimedOut);
        Assert.Null(outcome.TransportError);
        h.AdvanceMs(5_000);
        await completion.Terminated;
        Assert.Equal([100, 200], await Statuses(completion));
    }

    [Fact]
    public async Task Invite_responses_include_2xx_from_other_forks_until_timer_M()
    {
        using var h = new TransactionHarness();
        var invite = TestMessages.Invite();
        var completion = new ClientTransactionCompletion();
        h.Layer.StartClientTransaction(TransactionHarness.Peer, invite, completion);

        h.Receive(TestMessages.Response(invite, 200, "fork1"));
        h.Receive(TestMessages.Response(invite, 200, "fork2"));
        h.AdvanceMs(32_000);

        Assert.Equal("fork1", (await completion.Final).FinalResponse!.To.Tag);
        Assert.Equal([200, 200], await Statuses(completion));
    }

    [Fact]
    public async Task Final_reports_a_timeout()
    {
        using var h = new TransactionHarness();
        var completion = new ClientTransactionCompletion();
        h.Layer.StartClientTransaction(TransactionHarness.Peer, TestMessages.Request("OPTIONS"), completion);

        h.AdvanceMs(32_000);

        Assert.Same(ClientTransactionOutcome.Timeout, await completion.Final);
        await completion.Terminated;
    }

    [Fact]
    public async Task Final_reports_a_transport_error()
    {
        using var h = new TransactionHarness();
        h.Transport.FailWhen = _ => "connection refused";
        var completion = new ClientTransactionCompletion();

        h.Layer.StartClientTransaction(TransactionHarness.Peer with { Transport = SipTransportKind.Tcp }, TestMessages.Request("OPTIONS", transport: "TCP"), completion);

        var outcome = await completion.Final;
        Assert.Equal("connection refused", outcome.TransportError);
        Assert.Null(outcome.FinalResponse);
    }

    [Fact]
    public async Task Final_never_hangs_when_the_layer_shuts_down_first()
    {
        var h = new TransactionHarness();
        var completion = new ClientTransactionCompletion();
        var tx = h.Layer.StartClientTransaction(TransactionHarness.Peer, TestMessages.Request("OPTIONS"), completion);

        h.Dispose();
        ((IClientTransactionUser)completion).OnTerminated(tx); // what a TU sees if it is told after all

        Assert.NotNull((await completion.Final).TransportError);
    }

    private static async Task<List<int>> Statuses(ClientTransactionCompletion completion)
    {
        var statuses = new List<int>();
        await foreach (var response in completion.Responses.ReadAllAsync(TestContext.Current.CancellationToken)) statuses.Add(response.StatusCode);
        return statuses;
    }
}
