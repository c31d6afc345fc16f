using Cinema.Sip.Messages;
using Cinema.Sip.Transactions;
using Cinema.Sip.Transport;
using Microsoft.Extensions.Time.Testing;

namespace Cinema.Sip.Tests.Transactions;

/// <summary>
/// The per-message work of the layer on an already parsed message: matching and feeding a machine allocate
/// nothing, whether the message is absorbed, answered with a re-sent response, or passed up; and a finished
/// transaction keeps no more than it needs while it waits out its timer.
/// </summary>
public class AllocationTests
{
    private const int Messages = 1_000;

    [Fact]
    public void Absorbing_request_retransmissions_allocates_nothing()
    {
        var (layer, _) = Layer();
        var request = Parsed(TestMessages.Request("OPTIONS"));
        layer.Receive(request);

        var bytes = Measure(() => layer.Receive(request));

        Assert.Equal(0, bytes);
    }

    [Fact]
    public void Answering_request_retransmissions_with_the_last_response_allocates_nothing()
    {
        var (layer, user) = Layer();
        var request = Parsed(TestMessages.Invite());
        layer.Receive(request);
        user.Server!.SendResponse(user.Server.CreateResponse(486).WithToTag("t"));

        var bytes = Measure(() => layer.Receive(request));

        Assert.Equal(0, bytes);
    }

    [Fact]
    public void Passing_provisional_responses_to_the_TU_allocates_nothing()
    {
        var (layer, user) = Layer();
        var invite = TestMessages.Invite(ViaBranch.New());
        layer.StartClientTransaction(TransactionHarness.Peer, invite, user);
        var ringing = Parsed(TestMessages.Response(invite, 180));
        layer.Receive(ringing);

        var bytes = Measure(() => layer.Receive(ringing));

        Assert.Equal(0, bytes);
        Assert.Equal(Messages + 2, user.Responses); // first, warm-up, measured
    }

    [Fact]
    public void A_UDP_server_transaction_waiting_out_Timer_J_lets_go_of_what_was_decoded_from_its_request()
    {
        var (layer, user) = Layer();
        var request = Parsed(TestMessages.Request("OPTIONS"));
        layer.Receive(request);
        var decoded = DecodeAndAnswer(user.Server!);

        CollectEverything();

        Assert.False(decoded.IsAlive, "the From decoded while answering is still held by the completed transaction");
        Assert.Equal(TransactionState.Completed, user.Server!.State);
        Assert.Equal("sip:alice@example.com", user.Server.Request.From.Uri.ToString()); // decoded again on demand
    }

    [Fact]
    public void A_UDP_non_INVITE_server_transaction_waiting_out_Timer_J_lets_go_of_its_request_and_answers_along_a_route()
    {
        var transport = new SilentTransport { Routes = true };
        var (layer, user) = Layer(transport);
        var request = ReceiveAndAnswer(layer, user);

        CollectEverything();

        Assert.False(request.IsAlive, "the completed transaction still holds its request");
        var server = user.Server!;
        Assert.Equal(TransactionState.Completed, server.State);
        Assert.Equal("OPTIONS", server.Method);
        Assert.Throws<InvalidOperationException>(() => server.Request);
        // A retransmission of the request still gets the final response again (§17.2.2), along the route.
        var bytes = Measure(() => layer.Receive(Retransmission));
        Assert.Equal(0, bytes);
        Assert.Equal(Messages + 1, transport.RoutedSends);
    }

    private static readonly InboundMessage Retransmission = Parsed(TestMessages.Request("OPTIONS"));

    [Fact]
    public void Transactions_from_one_peer_share_the_sent_by_host_of_their_keys()
    {
        var (layer, user) = Layer();
        layer.Receive(Parsed(TestMessages.Request("OPTIONS", branch: "z9hG4bK-a")));
        var first = user.Server!;
        layer.Receive(Parsed(TestMessages.Request("OPTIONS", branch: "z9hG4bK-b")));
        var second = user.Server!;
        layer.Receive(Parsed(TestMessages.Request("OPTIONS", branch: "z9hG4bK-c", sentBy: "pc34.example.com")));
        var third = user.Server!;

        // Each key's host came from its own parsed Via; equal ones are kept once (a waiting transaction keeps its key 32 s).
        Assert.Same(first.BranchKey!.Value.Host, second.BranchKey!.Value.Host);
        Assert.Equal("pc34.example.com", third.BranchKey!.Value.Host);
        Assert.Equal(3, layer.Count);
    }

    [Fact]
    public void Client_transactions_to_one_next_hop_share_its_address()
    {
        var (layer, user) = Layer();
        var first = layer.StartClientTransaction(new SipEndPoint(SipTransportKind.Udp, new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 5070)), TestMessages.Invite(ViaBranch.New()), user);
        var second = layer.StartClientTransaction(new SipEndPoint(SipTransportKind.Udp, new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 5070)), TestMessages.Invite(ViaBranch.New()), user);
        var third = layer.StartClientTransaction(new SipEndPoint(SipTransportKind.Udp, new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 5071)), TestMessages.Invite(ViaBranch.New()), user);

        Assert.Same(first.Destination.Address, second.Destination.Address);
        Assert.Equal(5071, third.Destination.Address.Port);
    }

    [Fact]
    public void A_UDP_INVITE_server_transaction_in_Accepted_lets_go_of_its_request_and_sends_the_TUs_2xx_along_a_route()
    {
        var transport = new SilentTransport { Routes = true };
        var (layer, user) = Layer(transport);
        var (request, ok) = ReceiveInviteAndAccept(layer, user);

        CollectEverything();

        Assert.False(request.IsAlive, "the accepted INVITE transaction still holds its request");
        var server = user.Server!;
        Assert.Equal(TransactionState.Accepted, server.State);
        Assert.Throws<InvalidOperationException>(() => server.Request);
        // RFC 6026 §7.1: the TU's 2xx retransmissions still go out through the transaction, along the route.
        Assert.True(server.SendResponse(200, ok));
        Assert.Equal(1, transport.RoutedSends);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (WeakReference Request, byte[] Ok) ReceiveInviteAndAccept(TransactionLayer layer, QuietUser user)
    {
        var invite = Parsed(TestMessages.Invite(ViaBranch.New()));
        layer.Receive(invite);
        var ok = user.Server!.CreateResponse(200).WithToTag("t").ToArray();
        user.Server.SendResponse(200, ok);
        return (new WeakReference(invite.Message), ok);
    }

    [Theory]
    [InlineData(200)] // Accepted, Timer M
    [InlineData(486)] // Completed, Timer D: the ACK it re-sends is a message of its own
    public void A_client_INVITE_transaction_with_its_final_response_lets_go_of_its_request(int status)
    {
        var transport = new SilentTransport();
        var (layer, user) = Layer(transport);
        var (transaction, request, response) = StartAndAnswer(layer, user, status);

        CollectEverything();

        Assert.False(request.IsAlive, "the answered client transaction still holds its request");
        Assert.Equal(status == 200 ? TransactionState.Accepted : TransactionState.Completed, transaction.State);
        Assert.Equal("INVITE", transaction.Method);
        Assert.Throws<InvalidOperationException>(() => transaction.Request);
        Assert.False(transaction.Cancel(user), "a CANCEL after the final response");
        // A retransmitted final still reaches the TU (2xx, RFC 6026 §7.2) or is ACKed again (non-2xx, §17.1.1.2).
        var sendsBefore = transport.RequestSends;
        layer.Receive(response);
        Assert.Equal(status == 200 ? 2 : 1, user.Responses);
        Assert.Equal(status == 200 ? sendsBefore : sendsBefore + 1, transport.RequestSends);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (ClientInviteTransaction, WeakReference, InboundMessage) StartAndAnswer(TransactionLayer layer, QuietUser user, int status)
    {
        var invite = TestMessages.Invite(ViaBranch.New());
        var transaction = (ClientInviteTransaction)layer.StartClientTransaction(TransactionHarness.Peer, invite, user);
        var response = Parsed(TestMessages.Response(invite, status));
        layer.Receive(response);
        return (transaction, new WeakReference(invite), response);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference ReceiveAndAnswer(TransactionLayer layer, QuietUser user)
    {
        var request = Parsed(TestMessages.Request("OPTIONS"));
        layer.Receive(request);
        user.Server!.SendResponse(user.Server.CreateResponse(200).WithToTag("t"));
        return new WeakReference(request.Message);
    }

    /// <summary>What a TU does: reads the request, answers it. Apart, so that no local of the test holds what it decoded.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference DecodeAndAnswer(ServerTransaction tx)
    {
        var from = tx.Request.From;
        tx.SendResponse(tx.CreateResponse(200).WithToTag("t"));
        return new WeakReference(from);
    }

    /// <summary>A full collection, finalizers and another, so that only what something still holds stays alive.</summary>
    private static void CollectEverything()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static long Measure(Action receive)
    {
        receive(); // warm up: first-call JIT and lazily built state
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Messages; i++) receive();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static InboundMessage Parsed(SipMessage message)
    {
        _ = message.TopVia; // the typed Via is decoded once per message, by whoever asks first
        _ = message.CSeq;
        return new InboundMessage(message, TransactionHarness.Peer, TransactionHarness.Peer, 0);
    }

    private static (TransactionLayer Layer, QuietUser User) Layer(SilentTransport? transport = null)
    {
        var user = new QuietUser();
        return (new TransactionLayer(transport ?? new SilentTransport(), user, timeProvider: new FakeTimeProvider()), user);
    }

    /// <summary>Accepts every send at once and keeps nothing.</summary>
    private sealed class SilentTransport : ISipTransport
    {
        /// <summary>Whether it gives response routes, so that completed transactions can let go of their requests.</summary>
        public bool Routes { get; init; }

        public int RoutedSends { get; private set; }

        public ResponseRoute? RouteResponse(InboundMessage request) => Routes ? new ResponseRoute(request.Local, request.Source.Address) : null;

        public ValueTask<SendResult> SendResponseAsync(ResponseRoute route, ReadOnlyMemory<byte> response, CancellationToken cancellationToken = default)
        {
            RoutedSends++;
            return ValueTask.FromResult(SendResult.Ok);
        }

        public int RequestSends { get; private set; }

        public ValueTask<SendResult> SendRequestAsync(SipEndPoint destination, ReadOnlyMemory<byte> request, CancellationToken cancellationToken = default)
        {
            RequestSends++;
            return ValueTask.FromResult(SendResult.Ok);
        }

        public ValueTask<SendResult> SendResponseAsync(InboundMessage request, ReadOnlyMemory<byte> response, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(SendResult.Ok);

        public SipEndPoint LocalEndPointFor(SipTransportKind transport) => TransactionHarness.Peer;
    }

    /// <summary>Counts and remembers without allocating.</summary>
    private sealed class QuietUser : ITransactionUser, IClientTransactionUser
    {
        public ServerTransaction? Server { get; private set; }

        public int Responses { get; private set; }

        public void OnRequest(ServerTransaction transaction) => Server = transaction;

        public void OnCancel(ServerNonInviteTransaction cancel, ServerInviteTransaction? invite)
        {
        }

        public void OnAck(InboundMessage ack, ServerInviteTransaction? transaction)
        {
        }

        public void OnStrayResponse(InboundMessage response)
        {
        }

        public void OnTimeout(ServerInviteTransaction transaction)
        {
        }

        public void OnTransportError(ServerTransaction transaction, string reason)
        {
        }

        public void OnTerminated(ServerTransaction transaction)
        {
        }

        public void OnResponse(ClientTransaction transaction, InboundMessage response) => Responses++;

        public void OnTimeout(ClientTransaction transaction)
        {
        }

        public void OnTransportError(ClientTransaction transaction, string reason)
        {
        }

        public void OnTerminated(ClientTransaction transaction)
        {
        }
    }
}
