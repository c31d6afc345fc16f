using Cinema.Sip.Messages;
using Cinema.Sip.Transport;

namespace Cinema.Sip.Transactions;

/// <summary>
/// The INVITE client transaction of RFC 3261 §17.1.1 (Figure 5) with the Accepted state of RFC 6026 §7.2:
/// Calling → Proceeding → Completed (non-2xx, ACK sent here) or Accepted (2xx, ACKed by the TU) → Terminated.
/// </summary>
public sealed class ClientInviteTransaction : ClientTransaction
{
    private TransactionTimer? _timerA;
    private TransactionTimer? _timerB;
    private TimeSpan _intervalA;
    private byte[]? _ack;
    private IClientTransactionUser? _cancelUser;
    private bool _cancelSent;

    internal ClientInviteTransaction(TransactionLayer layer, SipEndPoint destination, SipRequest request, ReadOnlyMemory<byte> bytes, IClientTransactionUser user)
        : base(layer, TransactionState.Calling, destination, request, bytes, user)
    {
    }

    /// <summary>
    /// The CANCEL for this INVITE (RFC 3261 §9.1), to start as its own client transaction to <see cref="ClientTransaction.Destination"/>.
    /// §9.1 says to send it only once a provisional response has arrived (<see cref="TransactionState.Proceeding"/>)
    /// and not after a final one; <see cref="Cancel"/> keeps to that for you. After a final response the transaction
    /// no longer holds the INVITE, and this throws <see cref="InvalidOperationException"/>.
    /// </summary>
    public SipRequest CreateCancel() => DerivedRequests.Cancel(Request);

    /// <summary>
    /// Cancels the INVITE (RFC 3261 §9.1): starts the CANCEL as a client transaction to the same destination, with
    /// <paramref name="user"/> hearing its responses — at once if a provisional response has arrived, else as soon as
    /// one does, since a CANCEL must not overtake the INVITE. Nothing is sent once a final response has arrived;
    /// then, and after the transaction ended, this returns false. Asking twice sends one CANCEL.
    /// </summary>
    public bool Cancel(IClientTransactionUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        lock (Gate)
        {
            var state = State;
            if (state is not (TransactionState.Calling or TransactionState.Proceeding)) return false;
            _cancelUser ??= user;
            if (state == TransactionState.Proceeding) SendCancelOnce();
        }
        Drain();
        return true;
    }

    private protected override TransactionState Step(in TransactionEvent e, TransactionState state) => state switch
    {
        TransactionState.Calling => Calling(e),
        TransactionState.Proceeding => Proceeding(e),
        TransactionState.Completed => Completed(e),
        TransactionState.Accepted => Accepted(e),
        _ => state,
    };

    private protected override void Notify(in TransactionEffect effect)
    {
        if (effect.Kind == TransactionEffectKind.Cancel) Layer.StartClientTransaction(Destination, CreateCancel(), _cancelUser!);
        else base.Notify(effect);
    }

    private protected override void StopTimers()
    {
        Stop(ref _timerA);
        Stop(ref _timerB);
        StopFinalTimer();
    }

    private TransactionState Calling(in TransactionEvent e)
    {
        switch (e.Kind)
        {
            case TransactionEventKind.Start:
                // §17.1.1.2: send the INVITE; Timer A only on unreliable transports, Timer B on all.
                Send(RequestBytes);
                if (!IsReliable)
                {
                    _intervalA = Options.T1;
                    _timerA = StartTimer(TimerName.A, _intervalA);
                }
                _timerB = StartTimer(TimerName.B, Options.TimerB);
                return TransactionState.Calling;
            case TransactionEventKind.Timer when e.Timer == TimerName.A:
                // §17.1.1.2: retransmit and double the interval. Unlike Timers E and G there is no T2 cap: the
                // doubling simply runs until Timer B (7 transmissions with the default values).
                Send(RequestBytes);
                _intervalA += _intervalA;
                _timerA = StartTimer(TimerName.A, _intervalA);
                return TransactionState.Calling;
            case TransactionEventKind.Timer when e.Timer == TimerName.B:
                Tell(TransactionEffectKind.Timeout);
                return TransactionState.Terminated;
            case TransactionEventKind.Response:
                return OnResponse(e);
            case TransactionEventKind.TransportError:
                return FailOnTransportError(e);
            default:
                return TransactionState.Calling;
        }
    }

    private TransactionState Proceeding(in TransactionEvent e) => e.Kind switch
    {
        TransactionEventKind.Response => OnResponse(e),
        TransactionEventKind.TransportError => FailOnTransportError(e),
        _ => TransactionState.Proceeding,
    };

    private TransactionState Completed(in TransactionEvent e)
    {
        switch (e.Kind)
        {
            case TransactionEventKind.Response when e.StatusCode >= 300:
                // §17.1.1.2: a retransmitted final response means our ACK was lost: send it again, tell no one.
                Send(_ack);
                return TransactionState.Completed;
            case TransactionEventKind.Timer when e.Timer == TimerName.D:
                return TransactionState.Terminated;
            case TransactionEventKind.TransportError:
                return FailOnTransportError(e);
            default:
                return TransactionState.Completed;
        }
    }

    private TransactionState Accepted(in TransactionEvent e) => e.Kind switch
    {
        // RFC 6026 §7.2: retransmissions of the 2xx and 2xx from other forks go to the TU, which ACKs each one.
        TransactionEventKind.Response when e.StatusCode is >= 200 and < 300 => PassUp(e, TransactionState.Accepted),
        TransactionEventKind.Timer when e.Timer == TimerName.M => TransactionState.Terminated,
        TransactionEventKind.TransportError => FailOnTransportError(e),
        _ => TransactionState.Accepted,
    };

    /// <summary>A response in Calling or Proceeding (§17.1.1.2, RFC 6026 §7.2).</summary>
    private TransactionState OnResponse(in TransactionEvent e)
    {
        // Any response ends retransmission and Timer B; from Proceeding on, a proxy's Timer C takes over (§16.8).
        Stop(ref _timerA);
        Stop(ref _timerB);
        if (e.StatusCode < 200)
        {
            Tell(TransactionEffectKind.Response, e.Message);
            if (_cancelUser is not null) SendCancelOnce(); // §9.1: the CANCEL asked for in Calling may go now
            return TransactionState.Proceeding;
        }
        if (e.StatusCode < 300)
        {
            StartFinalTimer(TimerName.M, Options.TimerM);
            return PassUp(e, TransactionState.Accepted);
        }

        // §17.1.1.3: the transaction ACKs a non-2xx itself, to the same destination, before passing it up.
        _ack = DerivedRequests.AckForNonSuccess(Request, (SipResponse)e.Message!.Message);
        Send(_ack);
        Tell(TransactionEffectKind.Response, e.Message);
        if (IsReliable) return TransactionState.Terminated; // Timer D is zero on reliable transports
        StartFinalTimer(TimerName.D, Options.TimerDUnreliable);
        return TransactionState.Completed;
    }

    private void SendCancelOnce()
    {
        if (_cancelSent) return;
        _cancelSent = true;
        Tell(TransactionEffectKind.Cancel);
    }

    private TransactionState PassUp(in TransactionEvent e, TransactionState next)
    {
        Tell(TransactionEffectKind.Response, e.Message);
        return next;
    }
}
