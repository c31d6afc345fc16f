using Cinema.Sip.Messages;
using Cinema.Sip.Transactions;

namespace Cinema.Edge.Proxy;

/// <summary>
/// The response context of RFC 3261 §16.7 for one server transaction: the branches forwarded, the provisional
/// responses passed up, every 2xx forwarded at once, and, when all branches have ended without a 2xx, the best
/// final response. Also carries CANCEL (§16.10) and Timer C (§16.6 step 11). Branch events may come from several
/// threads, so the context locks itself (an internal type no other code locks); messages are sent outside the lock.
/// A context lives as long as its server transaction, up to 32 s after the answer, so it is kept small: no lock object,
/// and the branches (one, unless the request forks) in an array that grows when needed.
/// </summary>
internal sealed class ResponseContext(ProxyCore proxy, ServerTransaction server)
{
    private ProxyBranch[] _branches = [];
    private int _count;
    private bool _forwardingDone;
    private bool _finalSent;

    public ServerTransaction Server { get; } = server;

    public bool IsInvite => Server.Method == SipMethod.Invite;

    public bool Cancelled { get; private set; }

    public void Add(ProxyBranch branch)
    {
        lock (this)
        {
            if (_count == _branches.Length) Array.Resize(ref _branches, Math.Max(1, _count * 2));
            _branches[_count++] = branch;
        }
    }

    /// <summary>All branches are started: if every one has already ended, the best final response goes now.</summary>
    public void ForwardingDone()
    {
        lock (this) _forwardingDone = true;
        TrySendBest();
    }

    /// <summary>§16.10: the caller cancelled. Pending branches with a provisional get a CANCEL; others get one when their provisional comes.</summary>
    public void Cancel()
    {
        List<ProxyBranch> toCancel;
        lock (this)
        {
            Cancelled = true;
            toCancel = [];
            foreach (var b in Branches)
            {
                if (b.IsDone || !b.HadProvisional || b.CancelSent) continue;
                b.CancelSent = true;
                toCancel.Add(b);
            }
        }
        foreach (var b in toCancel) ProxyCore.SendCancel(b);
    }

    public void OnResponse(ProxyBranch branch, SipResponse response)
    {
        var status = response.StatusCode;
        if (status < 200)
        {
            bool cancelNow, forward;
            lock (this)
            {
                branch.HadProvisional = true;
                cancelNow = Cancelled && !branch.CancelSent && !branch.IsDone;
                if (cancelNow) branch.CancelSent = true;
                forward = status != 100 && !_finalSent;
            }
            proxy.RestartTimerC(this, branch);
            if (cancelNow) ProxyCore.SendCancel(branch);
            // §16.7 step 5: provisional responses other than 100 are forwarded at once.
            if (forward)
            {
                ProxyCore.ForwardUpstream(Server, response);
                proxy.OnProvisional(this, response);
            }
            return;
        }

        if (status < 300)
        {
            // §16.7 step 5: every 2xx is forwarded, even after another 2xx; for INVITE the other branches are cancelled (§16.7 step 10).
            List<ProxyBranch> others;
            bool first;
            lock (this)
            {
                // A 2xx is never chosen as "best" later (that is only among non-2xx, §16.7 step 6): the branch keeps
                // its status, not the response, which the transactions would otherwise hold for Timer L and M.
                if (!branch.IsDone) Complete(branch, null, status);
                first = !_finalSent;
                _finalSent = true;
                others = IsInvite ? CancelCandidates(branch) : [];
            }
            // Recorded once, before the first 2xx goes up: over UDP the server transaction lets go of the request
            // when it sends its final response, and a later 2xx from another fork (forwarded for INVITE, §16.7 step 5)
            // answers a call already recorded as answered.
            if (first) proxy.OnAnswered(this, response);
            ProxyCore.ForwardUpstream(Server, response);
            foreach (var b in others) ProxyCore.SendCancel(b);
            return;
        }

        List<ProxyBranch> cancel = [];
        lock (this)
        {
            if (branch.IsDone) return;
            Complete(branch, response, status);
            // §16.7 step 10: a 6xx to INVITE ends the search: cancel the other branches.
            if (status >= 600 && IsInvite) cancel = CancelCandidates(branch);
        }
        foreach (var b in cancel) ProxyCore.SendCancel(b);
        TrySendBest();
    }

    /// <summary>A branch that could not even be started (no route, DNS failure).</summary>
    public void Synthesize(ProxyBranch branch, int status)
    {
        lock (this)
        {
            if (branch.IsDone) return;
            branch.FinalStatus = status;
            branch.TimerC?.Dispose();
        }
        TrySendBest();
    }

    /// <summary>Timer C fired: cancel a branch that is ringing, or give up on one that never answered (§16.8).</summary>
    public void OnTimerC(ProxyBranch branch)
    {
        bool cancel;
        lock (this)
        {
            if (branch.IsDone) return;
            cancel = branch.HadProvisional && !branch.CancelSent;
            if (cancel) branch.CancelSent = true;
        }
        if (cancel) ProxyCore.SendCancel(branch);
        else Synthesize(branch, 408);
    }

    private static void Complete(ProxyBranch branch, SipResponse? response, int status)
    {
        branch.Final = response;
        branch.FinalStatus = status;
        branch.TimerC?.Dispose();
        branch.TimerC = null;
    }

    private List<ProxyBranch> CancelCandidates(ProxyBranch except)
    {
        var list = new List<ProxyBranch>();
        foreach (var b in Branches)
        {
            if (b == except || b.IsDone || b.CancelSent) continue;
            if (b.HadProvisional)
            {
                b.CancelSent = true;
                list.Add(b);
            }
        }
        Cancelled = true; // branches without a provisional yet get their CANCEL when it comes
        return list;
    }

    /// <summary>The branches added so far. Under the lock.</summary>
    private ReadOnlySpan<ProxyBranch> Branches => _branches.AsSpan(0, _count);

    /// <summary>§16.7 step 6: once every branch has a final response and no 2xx was sent, send the best one.</summary>
    private void TrySendBest()
    {
        ProxyBranch[] done;
        lock (this)
        {
            if (_finalSent || !_forwardingDone) return;
            foreach (var b in Branches)
                if (!b.IsDone) return;
            _finalSent = true;
            done = Branches.ToArray();
        }
        proxy.SendBestFinal(this, done);
    }
}
