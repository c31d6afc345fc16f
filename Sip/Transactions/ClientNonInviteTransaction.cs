using Cinema.Sip.Messages;
using Cinema.Sip.Transport;

namespace Cinema.Sip.Transactions;

/// <summary>
/// The non-INVITE client transaction of RFC 3261 §17.1.2 (Figure 6): Trying → Proceeding → Completed → Terminated.
/// </summary>
public sealed class ClientNonInviteTransaction : ClientTransaction
{
    private TransactionTimer? _timerE;
    private TransactionTimer? _timerF;
    private TimeSpan _intervalE;

    internal ClientNonInviteTransaction(TransactionLayer layer, SipEndPoint destination, SipRequest request, ReadOnlyMemory<byte> bytes, IClientTransactionUser user)
        : base(layer, TransactionState.Trying, destination, request, bytes, user)
    {
    }

    private protected override TransactionState Step(in TransactionEvent e, TransactionState state) => state switch
    {
        TransactionState.Trying => Trying(e),
        TransactionState.Proceeding => Proceeding(e),
        TransactionState.Completed => Completed(e),
        _ => state,
    };

    private protected override void StopTimers()
    {
        Stop(ref _timerE);
        Stop(ref _timerF);
        StopFinalTimer();
    }

    private TransactionState Trying(in TransactionEvent e)
    {
        switch (e.Kind)
        {
            case TransactionEventKind.Start:
                // §17.1.2.2: send the request; Timer E only on unreliable transports, Timer F on all.
                Send(RequestBytes);
                if (!IsReliable)
                {
                    _intervalE = Options.T1;
                    _timerE = StartTimer(TimerName.E, _intervalE);
                }
                _timerF = StartTimer(TimerName.F, Options.TimerF);
                return TransactionState.Trying;
            case TransactionEventKind.Timer when e.Timer == TimerName.E:
                // §17.1.2.2: retransmit, doubling the interval up to T2.
                _intervalE = Min(_intervalE + _intervalE, Options.T2);
                return Retransmit(TransactionState.Trying);
            default:
                return Common(e, TransactionState.Trying);
        }
    }

    private TransactionState Proceeding(in TransactionEvent e)
    {
        if (e.IsTimer(TimerName.E))
        {
            // §17.1.2.2: in Proceeding a provisional response has shown the server is alive; retransmit every T2.
            _intervalE = Options.T2;
            return Retransmit(TransactionState.Proceeding);
        }
        return Common(e, TransactionState.Proceeding);
    }

    private TransactionState Completed(in TransactionEvent e) => e.Kind switch
    {
        // §17.1.2.2: response retransmissions are absorbed until Timer K fires.
        TransactionEventKind.Timer when e.Timer == TimerName.K => TransactionState.Terminated,
        TransactionEventKind.TransportError => FailOnTransportError(e),
        _ => TransactionState.Completed,
    };

    /// <summary>What Trying and Proceeding do alike: responses, Timer F, transport errors.</summary>
    private TransactionState Common(in TransactionEvent e, TransactionState state)
    {
        switch (e.Kind)
        {
            case TransactionEventKind.Response when e.StatusCode < 200:
                Tell(TransactionEffectKind.Response, e.Message);
                return TransactionState.Proceeding;
            case TransactionEventKind.Response:
                Stop(ref _timerE);
                Stop(ref _timerF);
                Tell(TransactionEffectKind.Response, e.Message);
                if (IsReliable) return TransactionState.Terminated; // Timer K is zero on reliable transports
                StartFinalTimer(TimerName.K, Options.TimerKUnreliable);
                return TransactionState.Completed;
            case TransactionEventKind.Timer when e.Timer == TimerName.F:
                Tell(TransactionEffectKind.Timeout);
                return TransactionState.Terminated;
            case TransactionEventKind.TransportError:
                return FailOnTransportError(e);
            default:
                return state;
        }
    }

    private TransactionState Retransmit(TransactionState state)
    {
        Send(RequestBytes);
        _timerE = StartTimer(TimerName.E, _intervalE);
        return state;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
