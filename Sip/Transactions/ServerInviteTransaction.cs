using Cinema.Sip.Messages;
using Cinema.Sip.Parsing;
using Cinema.Sip.Transport;

namespace Cinema.Sip.Transactions;

/// <summary>
/// The INVITE server transaction of RFC 3261 §17.2.1 (Figure 7) with the Accepted state of RFC 6026 §7.1:
/// Proceeding → Completed (non-2xx, retransmitted until the ACK) → Confirmed, or Proceeding → Accepted (2xx, which
/// the TU retransmits) → Terminated.
/// </summary>
public sealed class ServerInviteTransaction : ServerTransaction
{
    private TransactionTimer? _timerTrying;
    private TransactionTimer? _timerG;
    private TransactionTimer? _timerH;
    private TimeSpan _intervalG;
    private ReadOnlyMemory<byte> _lastProvisional;
    private ReadOnlyMemory<byte> _lastFinal;

    internal ServerInviteTransaction(TransactionLayer layer, InboundMessage request)
        : base(layer, TransactionState.Proceeding, request)
    {
    }

    /// <summary>An ACK matched the transaction. False when it has terminated, so the layer passes the ACK on as stray.</summary>
    internal bool ReceiveAck(InboundMessage ack) => Dispatch(TransactionEvent.Ack(ack));

    /// <summary>
    /// For RFC 2543 matching (§17.2.3): an ACK belongs to this transaction only if its To tag is the one of the
    /// final response sent, parsed from the sent bytes on demand as only old-style ACKs need it.
    /// </summary>
    internal bool IsAckedBy(string? ackToTag)
    {
        ReadOnlyMemory<byte> sent;
        lock (Gate)
        {
            sent = _lastFinal;
        }
        if (sent.IsEmpty) return false;
        var finalTag = SipParser.Parse(sent).Message?.To.Tag;
        return string.Equals(finalTag ?? "", ackToTag ?? "", StringComparison.Ordinal);
    }

    /// <summary>RFC 6026 §7.1: in Accepted the transaction only absorbs INVITE retransmissions, passes ACKs up and sends the TU's 2xx retransmissions.</summary>
    private protected override bool OnlyResends => State == TransactionState.Accepted;

    private protected override void Shed()
    {
        base.Shed();
        // §17.2.1: in Completed a non-2xx final is re-sent until the ACK comes or Timer H fires (32 s).
        if (State == TransactionState.Completed) _lastFinal = Unmoved(_lastFinal);
        if (State != TransactionState.Accepted) return;
        // RFC 6026 §7.1: in Accepted nothing is re-sent by the transaction (the TU re-sends its 2xx itself); the
        // last 2xx is kept only where an RFC 2543 ACK must be matched by its To tag.
        _lastProvisional = default;
        if (LegacyKey is null) _lastFinal = default;
    }

    private protected override TransactionState Step(in TransactionEvent e, TransactionState state) => state switch
    {
        TransactionState.Proceeding => Proceeding(e),
        TransactionState.Completed => Completed(e),
        TransactionState.Confirmed => Confirmed(e),
        TransactionState.Accepted => Accepted(e),
        _ => state,
    };

    private protected override void StopTimers()
    {
        Stop(ref _timerTrying);
        Stop(ref _timerG);
        Stop(ref _timerH);
        StopFinalTimer();
    }

    private protected override void Notify(in TransactionEffect effect)
    {
        switch (effect.Kind)
        {
            case TransactionEffectKind.Ack:
                Layer.User.OnAck(effect.Message!, this);
                break;
            case TransactionEffectKind.Timeout:
                Layer.User.OnTimeout(this);
                break;
            default:
                base.Notify(effect);
                break;
        }
    }

    private TransactionState Proceeding(in TransactionEvent e)
    {
        switch (e.Kind)
        {
            case TransactionEventKind.Start:
                // §17.2.1: answer 100 Trying unless the TU answers within 200 ms; a proxy answers at once (§16.2).
                if (Options.SendTryingImmediately || Options.TryingDelay == TimeSpan.Zero) SendTrying();
                else _timerTrying = StartTimer(TimerName.Trying, Options.TryingDelay);
                Tell(TransactionEffectKind.Request);
                return TransactionState.Proceeding;
            case TransactionEventKind.Timer when e.Timer == TimerName.Trying:
                if (_lastProvisional.IsEmpty) SendTrying();
                return TransactionState.Proceeding;
            case TransactionEventKind.Request:
                // §17.2.1: a retransmitted INVITE gets the most recent provisional response again.
                if (!_lastProvisional.IsEmpty) Send(_lastProvisional);
                return TransactionState.Proceeding;
            case TransactionEventKind.TuResponse:
                return Respond(e);
            case TransactionEventKind.TransportError:
                return KeepOnTransportError(e, TransactionState.Proceeding);
            default:
                return TransactionState.Proceeding;
        }
    }

    private TransactionState Completed(in TransactionEvent e)
    {
        switch (e.Kind)
        {
            case TransactionEventKind.Request:
                // §17.2.1: a retransmitted INVITE means the final response was lost.
                Send(_lastFinal);
                return TransactionState.Completed;
            case TransactionEventKind.Timer when e.Timer == TimerName.G:
                // §17.2.1: retransmit the final response, doubling the interval up to T2.
                Send(_lastFinal);
                _intervalG = _intervalG + _intervalG < Options.T2 ? _intervalG + _intervalG : Options.T2;
                _timerG = StartTimer(TimerName.G, _intervalG);
                return TransactionState.Completed;
            case TransactionEventKind.Timer when e.Timer == TimerName.H:
                // §17.2.1: no ACK ever came; the TU hears of the failure.
                Tell(TransactionEffectKind.Timeout);
                return TransactionState.Terminated;
            case TransactionEventKind.Ack:
                // §17.2.1: the ACK ends retransmissions; Timer I absorbs ACK retransmissions on unreliable transports.
                Stop(ref _timerG);
                Stop(ref _timerH);
                if (IsReliable) return TransactionState.Terminated;
                StartFinalTimer(TimerName.I, Options.TimerIUnreliable);
                return TransactionState.Confirmed;
            case TransactionEventKind.TuResponse:
                return Refuse(TransactionState.Completed);
            case TransactionEventKind.TransportError:
                return KeepOnTransportError(e, TransactionState.Completed);
            default:
                return TransactionState.Completed;
        }
    }

    private TransactionState Confirmed(in TransactionEvent e) => e.Kind switch
    {
        // §17.2.1: further ACKs (and INVITEs) are absorbed until Timer I fires.
        TransactionEventKind.Timer when e.Timer == TimerName.I => TransactionState.Terminated,
        TransactionEventKind.TuResponse => Refuse(TransactionState.Confirmed),
        _ => TransactionState.Confirmed,
    };

    private TransactionState Accepted(in TransactionEvent e)
    {
        switch (e.Kind)
        {
            case TransactionEventKind.Request:
                // RFC 6026 §7.1: INVITE retransmissions are absorbed, not passed up; the TU re-sends its 2xx itself.
                return TransactionState.Accepted;
            case TransactionEventKind.Ack:
                // RFC 6026 §7.1: an ACK that matches is passed to the TU, not absorbed.
                Tell(TransactionEffectKind.Ack, e.Message);
                return TransactionState.Accepted;
            case TransactionEventKind.TuResponse when e.StatusCode is >= 200 and < 300:
                // RFC 6026 §7.1: the TU's 2xx retransmissions (or further 2xx) go to the transport.
                if (LegacyKey is not null) _lastFinal = e.Bytes;
                Send(e.Bytes);
                return TransactionState.Accepted;
            case TransactionEventKind.TuResponse:
                return Refuse(TransactionState.Accepted);
            case TransactionEventKind.Timer when e.Timer == TimerName.L:
                return TransactionState.Terminated;
            case TransactionEventKind.TransportError:
                return KeepOnTransportError(e, TransactionState.Accepted);
            default:
                return TransactionState.Accepted;
        }
    }

    /// <summary>A response from the TU in Proceeding.</summary>
    private TransactionState Respond(in TransactionEvent e)
    {
        Stop(ref _timerTrying);
        Send(e.Bytes);
        if (e.StatusCode < 200)
        {
            _lastProvisional = e.Bytes;
            return TransactionState.Proceeding;
        }
        _lastFinal = e.Bytes;
        if (e.StatusCode < 300)
        {
            // RFC 6026 §7.1: a 2xx moves to Accepted, where Timer L keeps the transaction to absorb INVITE retransmissions.
            StartFinalTimer(TimerName.L, Options.TimerL);
            return TransactionState.Accepted;
        }

        // §17.2.1: Timer G retransmits a non-2xx final on unreliable transports; Timer H bounds the wait for the ACK.
        if (!IsReliable)
        {
            _intervalG = Options.T1;
            _timerG = StartTimer(TimerName.G, _intervalG);
        }
        _timerH = StartTimer(TimerName.H, Options.TimerH);
        return TransactionState.Completed;
    }

    private void SendTrying()
    {
        _lastProvisional = SipResponseBuilder.For(Request, 100).ToArray();
        Send(_lastProvisional);
    }

    /// <summary>
    /// RFC 6026 §7.1 replaces §17.2.4 for INVITE: a transport error is reported but does not end the transaction, so
    /// retransmissions of the INVITE are still absorbed; the timers end it.
    /// </summary>
    private TransactionState KeepOnTransportError(in TransactionEvent e, TransactionState state)
    {
        Tell(TransactionEffectKind.TransportError, error: e.Error);
        return state;
    }
}
