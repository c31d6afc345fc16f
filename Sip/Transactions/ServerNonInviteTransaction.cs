using Cinema.Sip.Transport;

namespace Cinema.Sip.Transactions;

/// <summary>
/// The non-INVITE server transaction of RFC 3261 §17.2.2 (Figure 8): Trying → Proceeding → Completed → Terminated.
/// A CANCEL gets one of these too (§9.2), and <see cref="ITransactionUser.OnCancel"/> instead of OnRequest.
/// </summary>
public sealed class ServerNonInviteTransaction : ServerTransaction
{
    private ReadOnlyMemory<byte> _lastResponse;

    internal ServerNonInviteTransaction(TransactionLayer layer, InboundMessage request)
        : base(layer, TransactionState.Trying, request)
    {
    }

    /// <summary>For a CANCEL: the INVITE server transaction it matched when it arrived (§9.2), or null.</summary>
    internal ServerInviteTransaction? CancelTarget { get; init; }

    private protected override TransactionState Step(in TransactionEvent e, TransactionState state) => state switch
    {
        TransactionState.Trying => Trying(e),
        TransactionState.Proceeding => Proceeding(e),
        TransactionState.Completed => Completed(e),
        _ => state,
    };

    private protected override void StopTimers() => StopFinalTimer();

    private protected override bool OnlyResends => State == TransactionState.Completed;

    private protected override void Shed()
    {
        base.Shed();
        if (State == TransactionState.Completed) _lastResponse = Unmoved(_lastResponse);
    }

    private protected override void NotifyRequest()
    {
        if (string.Equals(Method, Messages.SipMethod.Cancel, StringComparison.Ordinal)) Layer.User.OnCancel(this, CancelTarget);
        else base.NotifyRequest();
    }

    private TransactionState Trying(in TransactionEvent e)
    {
        switch (e.Kind)
        {
            case TransactionEventKind.Start:
                Tell(TransactionEffectKind.Request);
                return TransactionState.Trying;
            case TransactionEventKind.Request:
                // §17.2.2: retransmissions before the TU answers are discarded (no automatic 100 for non-INVITE, RFC 4320).
                return TransactionState.Trying;
            default:
                return Common(e);
        }
    }

    private TransactionState Proceeding(in TransactionEvent e)
    {
        if (e.Kind == TransactionEventKind.Request)
        {
            // §17.2.2: a retransmission gets the most recent provisional response again.
            Send(_lastResponse);
            return TransactionState.Proceeding;
        }
        return Common(e);
    }

    private TransactionState Completed(in TransactionEvent e)
    {
        switch (e.Kind)
        {
            case TransactionEventKind.Request:
                // §17.2.2: a retransmission gets the final response again, until Timer J fires.
                Send(_lastResponse);
                return TransactionState.Completed;
            case TransactionEventKind.Timer when e.Timer == TimerName.J:
                return TransactionState.Terminated;
            case TransactionEventKind.TuResponse:
                return Refuse(TransactionState.Completed);
            case TransactionEventKind.TransportError:
                return Fail(e);
            default:
                return TransactionState.Completed;
        }
    }

    /// <summary>Responses from the TU and transport errors in Trying and Proceeding.</summary>
    private TransactionState Common(in TransactionEvent e)
    {
        switch (e.Kind)
        {
            case TransactionEventKind.TuResponse:
                _lastResponse = e.Bytes;
                Send(e.Bytes);
                if (e.StatusCode < 200) return TransactionState.Proceeding;
                // §17.2.2: Timer J absorbs request retransmissions on unreliable transports; it is zero on reliable ones.
                if (IsReliable) return TransactionState.Terminated;
                StartFinalTimer(TimerName.J, Options.TimerJUnreliable);
                return TransactionState.Completed;
            case TransactionEventKind.TransportError:
                return Fail(e);
            default:
                return State;
        }
    }

    /// <summary>§17.2.4: the response could not be sent; the TU hears of it and the transaction ends.</summary>
    private TransactionState Fail(in TransactionEvent e)
    {
        Tell(TransactionEffectKind.TransportError, error: e.Error);
        return TransactionState.Terminated;
    }
}
