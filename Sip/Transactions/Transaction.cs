using Cinema.Sip.Messages;
using Cinema.Sip.Transport;

namespace Cinema.Sip.Transactions;

/// <summary>
/// What the four RFC 3261 §17 state machines share: the state, a lock per transaction, timers from the layer's
/// <see cref="TimeProvider"/>, and an ordered queue of effects (sends and TU notifications) carried out after the
/// lock is released. One thread at a time drains the queue, so the TU hears about one transaction in order and
/// may call back into it (for example, answer a request from inside <see cref="ITransactionUser.OnRequest"/>).
/// </summary>
public abstract partial class Transaction
{
    private bool _rejected;
    private bool _stepping;
    private List<TransactionTimer>? _firedDuringStep;
    private TimerName _finalTimer;
    private bool _finalArmed;
    private int _finalRun;
    private int _finalFiredDuringStep;
    private int _state;

    private protected Transaction(TransactionLayer layer, TransactionState initial, SipTransportKind transport)
    {
        Layer = layer;
        _state = (int)initial;
        Transport = transport;
        IsReliable = transport.IsReliable();
    }

    public TransactionState State => (TransactionState)Volatile.Read(ref _state);

    /// <summary>The transport the transaction runs over; reliable ones need no retransmissions (§17.1.1.2, §17.2.1).</summary>
    public SipTransportKind Transport { get; }

    public bool IsReliable { get; }

    /// <summary>The method of the request that created the transaction.</summary>
    public abstract string Method { get; }

    /// <summary>The branch of the top Via of that request; an RFC 2543 branch or null for old-style server transactions.</summary>
    public abstract string? Branch { get; }

    /// <summary>Free for the TU: a proxy hangs its response context here, a UAS its dialog.</summary>
    public object? UserState { get; set; }

    private protected TransactionLayer Layer { get; }

    /// <summary>
    /// The lock every state handler runs under: the transaction object itself, through <see cref="Monitor"/>. A lock
    /// object of its own would be one more allocation of 40 bytes per transaction, kept for up to 32 s after the
    /// answer by every waiting transaction; an uncontended monitor lives in the object's header. So a TU must not lock
    /// on a transaction it is handed (it would share this lock).
    /// </summary>
    private protected object Gate => this;

    private protected TransactionOptions Options => Layer.Options;

    /// <summary>Runs the handler of the current state for one event; returns the next state. Called under the lock.</summary>
    private protected abstract TransactionState Step(in TransactionEvent e, TransactionState state);

    /// <summary>Cancels every running timer. Called under the lock when the machine reaches Terminated.</summary>
    private protected abstract void StopTimers();

    /// <summary>Removes the transaction from the layer's table.</summary>
    private protected abstract void Forget();

    private protected abstract ValueTask<SendResult> TransmitAsync(ReadOnlyMemory<byte> bytes);

    /// <summary>
    /// In a waiting state (Completed, Confirmed, Accepted: the exchange is over and the machine only waits out a
    /// timer, up to 32 s, re-sending or absorbing), once its effects are carried out: lets go of what the state
    /// never uses, and of the values decoded from the request (<see cref="SipMessage.ForgetDecoded"/>: read again,
    /// they are decoded again, as routing a re-sent response does). Called under the lock.
    /// </summary>
    private protected abstract void Shed();

    /// <summary>
    /// A copy, on the pinned object heap, of bytes a waiting state keeps for up to 32 s (the final response a
    /// non-INVITE transaction re-sends until Timer J, the non-2xx an INVITE transaction re-sends until its ACK). The
    /// collector copies every object that survives a collection of the youngest generation into the next one, so a
    /// response kept 32 s is copied twice; the pinned heap is never compacted, so there it costs no copying, and it is
    /// freed with the transactions that share its chunk (<see cref="PinnedSlab"/>), by a full collection. The array
    /// sent first (made by the response builder) then dies young. Called from <see cref="Shed"/>, once it is sent.
    /// </summary>
    private protected ReadOnlyMemory<byte> Unmoved(ReadOnlyMemory<byte> bytes) => Layer.Pinned.Copy(bytes.Span);

    /// <summary>Calls the TU for one notification effect. Called outside the lock, one at a time.</summary>
    private protected abstract void Notify(in TransactionEffect effect);

    private protected abstract void NotifyTerminated();

    /// <summary>Feeds one event to the machine and carries out what it decided. False if the event was refused.</summary>
    internal bool Dispatch(in TransactionEvent e)
    {
        bool accepted;
        lock (Gate)
        {
            accepted = Apply(e);
        }
        Drain();
        return accepted;
    }

    internal void OnTimerFired(TransactionTimer timer)
    {
        lock (Gate)
        {
            if (timer.IsCancelled) return;
            if (_stepping)
            {
                // The thread inside a state handler is the one the timer fired on: a time provider ran the callback
                // while the handler was starting a timer (FakeTimeProvider does so, on the creating thread, with
                // whatever fell due). The lock is re-entrant, so handling it now would run it against a half-taken
                // step; it runs once the step is over, as it would have on any other thread.
                (_firedDuringStep ??= new List<TransactionTimer>(1)).Add(timer);
                return;
            }
            timer.Cancel();
            Apply(TransactionEvent.Fired(timer.Name));
        }
        Drain();
    }

    /// <summary>Stops the machine without telling anyone, when the layer shuts down.</summary>
    internal void Abandon()
    {
        lock (Gate)
        {
            StopTimers();
            ClearEffects();
            _terminationReported = true;
            Volatile.Write(ref _state, (int)TransactionState.Terminated);
        }
    }

    /// <summary>Queues bytes for the transport. Under the lock, from a state handler.</summary>
    private protected void Send(ReadOnlyMemory<byte> bytes) => Enqueue(TransactionEffect.Send(bytes));

    /// <summary>Queues a TU notification. Under the lock, from a state handler.</summary>
    private protected void Tell(TransactionEffectKind kind, InboundMessage? message = null, string? error = null) =>
        Enqueue(TransactionEffect.Notify(kind, message, error));

    /// <summary>Marks the current event as refused (a response the state does not allow), keeping the state.</summary>
    private protected TransactionState Refuse(TransactionState state)
    {
        _rejected = true;
        return state;
    }

    private protected TransactionTimer StartTimer(TimerName name, TimeSpan due) => TransactionTimer.Start(this, Layer.Time, name, due);

    /// <summary>
    /// Starts the timer that ends a waiting state (D, I, J, K, L, M; one at a time): a slot in the transaction, queued
    /// on the layer's <see cref="DeadlineQueue"/> for its delay, rather than a timer object of its own, since every
    /// waiting transaction keeps it for up to 32 s. A stopped or replaced run stays queued and is ignored when it comes due.
    /// </summary>
    private protected void StartFinalTimer(TimerName name, TimeSpan due)
    {
        _finalTimer = name;
        _finalArmed = true;
        Layer.DeadlinesAfter(due).Add(this, ++_finalRun);
    }

    private protected void StopFinalTimer() => _finalArmed = false;

    /// <summary>The waiting state's timer, for a log line about its queue.</summary>
    internal TimerName FinalTimer => _finalTimer;

    /// <summary>A queued deadline has come: acted on only if <paramref name="run"/> is the final timer still running.</summary>
    internal void OnFinalTimerFired(int run)
    {
        lock (Gate)
        {
            if (!_finalArmed || run != _finalRun) return;
            if (_stepping)
            {
                _finalFiredDuringStep = run; // as in OnTimerFired: handled once the step is over
                return;
            }
            _finalArmed = false;
            Apply(TransactionEvent.Fired(_finalTimer));
        }
        Drain();
    }

    private protected static void Stop(ref TransactionTimer? timer)
    {
        timer?.Cancel();
        timer = null;
    }

    private bool Apply(in TransactionEvent e)
    {
        var current = State;
        if (current == TransactionState.Terminated)
        {
            // A send that fails after the machine has ended (a final response over TCP, where Timer J is zero) is
            // still reported (RFC 3261 §17.2.4), before the TU hears that the transaction terminated.
            if (e.Kind == TransactionEventKind.TransportError && !_terminationReported)
                Tell(TransactionEffectKind.TransportError, error: e.Error);
            return false;
        }
        _rejected = false;
        _stepping = true;
        TransactionState next;
        try
        {
            next = Step(e, current);
        }
        finally
        {
            _stepping = false;
        }
        if (next != current)
        {
            Volatile.Write(ref _state, (int)next);
            TransactionLog.StateChanged(Layer.Logger, Method, Branch, current, next);
            if (next == TransactionState.Terminated)
            {
                StopTimers();
                Forget();
            }
        }
        var accepted = !_rejected;
        while (_firedDuringStep is { Count: > 0 } fired)
        {
            var timer = fired[0];
            fired.RemoveAt(0);
            if (timer.IsCancelled) continue;
            timer.Cancel();
            Apply(TransactionEvent.Fired(timer.Name));
        }
        if (_finalFiredDuringStep != 0)
        {
            var run = _finalFiredDuringStep;
            _finalFiredDuringStep = 0;
            if (_finalArmed && run == _finalRun)
            {
                _finalArmed = false;
                Apply(TransactionEvent.Fired(_finalTimer));
            }
        }
        return accepted;
    }
}
