using Cinema.Sip.Messages;
using Cinema.Sip.Transactions;
using Cinema.Sip.Transport;

namespace Cinema.Sip.Tests.Transactions;

/// <summary>
/// A stateful proxy core cut down to what the transaction API has to make easy (RFC 3261 §16): fork to every
/// target, forward provisional responses, forward the first 2xx and CANCEL the other branches, answer CANCEL and
/// cancel the branches, forward the best final response once all branches are done.
/// </summary>
internal sealed class TestForkingProxy : ITransactionUser
{
    private readonly SipEndPoint[] _targets;

    public TestForkingProxy(params SipEndPoint[] targets) => _targets = targets;

    public TransactionLayer Layer { get; set; } = null!;

    public void OnRequest(ServerTransaction transaction)
    {
        var context = new ResponseContext(transaction);
        transaction.UserState = context;
        foreach (var target in _targets)
        {
            // §16.6 steps 1, 3 and 8: copy, decrement Max-Forwards, add our Via with a fresh branch.
            var forwarded = transaction.Request.ToBuilder()
                .MaxForwards((transaction.Request.MaxForwards ?? 70) - 1)
                .Via(new Via("UDP", "proxy.example.com", 5060, ParameterList.Empty.With("branch", ViaBranch.New())))
                .Build();
            context.Branches.Add(Layer.StartClientTransaction(target, forwarded, context));
        }
    }

    public void OnCancel(ServerNonInviteTransaction cancel, ServerInviteTransaction? invite)
    {
        // §16.10: answer the CANCEL here, then cancel the pending branches of the matched INVITE.
        cancel.SendResponse(cancel.CreateResponse(invite is null ? 481 : 200).WithToTag("proxy"));
        (invite?.UserState as ResponseContext)?.CancelPending(except: null);
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

    private sealed class ResponseContext(ServerTransaction server) : IClientTransactionUser
    {
        private readonly Lock _gate = new();
        private readonly List<ClientTransaction> _finished = [];
        private SipResponse? _best;
        private bool _answered;

        public List<ClientTransaction> Branches { get; } = [];

        public void OnResponse(ClientTransaction transaction, InboundMessage response)
        {
            var r = (SipResponse)response.Message;
            if (r.StatusCode == 100) return; // §16.7 step 5: 100 Trying is not forwarded
            if (r.IsProvisional)
            {
                Forward(r);
                return;
            }
            if (r.IsSuccess)
            {
                // §16.7 step 5 and §16.7 step 10 / RFC 6026: every 2xx goes upstream; the other branches are cancelled.
                lock (_gate) _answered = true;
                Forward(r);
                CancelPending(except: transaction);
                return;
            }
            SipResponse? forward = null;
            lock (_gate)
            {
                if (_best is null || r.StatusCode < _best.StatusCode) _best = r;
                _finished.Add(transaction);
                if (_finished.Count == Branches.Count && !_answered)
                {
                    _answered = true;
                    forward = _best;
                }
            }
            if (forward is not null) Forward(forward);
        }

        public void OnTimeout(ClientTransaction transaction)
        {
        }

        public void OnTransportError(ClientTransaction transaction, string reason)
        {
        }

        public void OnTerminated(ClientTransaction transaction)
        {
        }

        public void CancelPending(ClientTransaction? except)
        {
            foreach (var branch in Branches)
            {
                // §16.10: every pending branch; Cancel() holds the CANCEL back until the branch has had a 1xx (§9.1).
                if (branch != except && branch is ClientInviteTransaction invite) invite.Cancel(this);
            }
        }

        /// <summary>§16.7 step 9: strip our Via and send the response upstream through the server transaction.</summary>
        private void Forward(SipResponse response) => server.SendResponse(response.ToBuilder().RemoveFirstValue(HeaderKind.Via));
    }
}
