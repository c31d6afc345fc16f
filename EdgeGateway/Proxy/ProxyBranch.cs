using Cinema.Sip.Messages;
using Cinema.Sip.Transactions;
using Cinema.Sip.Transport;

namespace Cinema.Edge.Proxy;

/// <summary>
/// One forwarded copy of the request and what became of it (RFC 3261 §16.7). It is the user of its client
/// transaction, so responses that arrive before the transaction is even returned to the proxy find their branch.
/// </summary>
internal sealed class ProxyBranch(ResponseContext context, ProxyTarget target) : IClientTransactionUser
{
    private ProxyTarget? _target = target;

    /// <summary>
    /// Where this branch goes, for forwarding it; given up then, since the branch itself lives on with its client
    /// transaction (up to 32 s after the answer) and the target's URI and binding are of no use after forwarding.
    /// </summary>
    public ProxyTarget TakeTarget() => Interlocked.Exchange(ref _target, null) ?? throw new InvalidOperationException("The branch was already forwarded.");

    public ClientTransaction? Transaction { get; set; }

    /// <summary>A provisional response arrived: a CANCEL may now be sent (RFC 3261 §9.1).</summary>
    public bool HadProvisional { get; set; }

    public bool CancelSent { get; set; }

    /// <summary>The final response, real or synthesized (408 on timeout, 503 on transport error).</summary>
    public SipResponse? Final { get; set; }

    public int FinalStatus { get; set; }

    public bool IsDone => FinalStatus >= 200;

    public ITimer? TimerC { get; set; }

    public void OnResponse(ClientTransaction transaction, InboundMessage response)
    {
        Transaction ??= transaction;
        context.OnResponse(this, (SipResponse)response.Message);
    }

    public void OnTimeout(ClientTransaction transaction) => context.Synthesize(this, 408);

    // §16.7: a transport error counts as a 503 from that branch.
    public void OnTransportError(ClientTransaction transaction, string reason) => context.Synthesize(this, 503);

    public void OnTerminated(ClientTransaction transaction) => TimerC?.Dispose();
}
