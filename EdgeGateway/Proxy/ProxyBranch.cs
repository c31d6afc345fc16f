using Cinema.Sip.Messages;
using Cinema.Sip.Transactions;

namespace Cinema.Edge.Proxy;

/// <summary>One forwarded copy of the request and what became of it (RFC 3261 §16.7).</summary>
internal sealed class ProxyBranch(ProxyTarget target)
{
    public ProxyTarget Target { get; } = target;

    public ClientTransaction? Transaction { get; set; }

    /// <summary>A provisional response arrived: a CANCEL may now be sent (RFC 3261 §9.1).</summary>
    public bool HadProvisional { get; set; }

    public bool CancelSent { get; set; }

    /// <summary>The final response, real or synthesized (408 on timeout, 503 on transport error).</summary>
    public SipResponse? Final { get; set; }

    public int FinalStatus { get; set; }

    public bool IsDone => FinalStatus >= 200;

    public ITimer? TimerC { get; set; }
}
