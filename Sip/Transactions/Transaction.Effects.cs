using Cinema.Sip.Transport;

namespace Cinema.Sip.Transactions;

/// <summary>
/// Carrying out what the state machine decided: sends and TU notifications, in order, outside the lock, by one
/// thread at a time. A send the transport cannot finish at once parks the queue until it does, so nothing
/// overtakes it; a failed send feeds a transport error back into the machine (RFC 3261 §17.1.4, §17.2.4).
/// </summary>
public abstract partial class Transaction
{
    // The oldest pending effect lives in fields and only a second one at the same time needs the queue: most
    // transactions have one effect pending at a time, and so never make the queue at all. Its kind is held apart from
    // the rest, beside the other small fields: a TransactionEffect field would pad its one-byte kind to 8 bytes in
    // every transaction, including the waiting ones kept for up to 32 s.
    private object? _firstPayload;
    private ReadOnlyMemory<byte> _firstBytes;
    private TransactionEffectKind _firstKind;
    private bool _hasFirst;
    private Queue<TransactionEffect>? _effects;
    private bool _draining;
    private bool _terminationReported;
    private TransactionState _shedIn;

    private void Enqueue(in TransactionEffect effect)
    {
        if (!_hasFirst && _effects is not { Count: > 0 })
        {
            (_firstKind, _firstPayload, _firstBytes) = (effect.Kind, effect.Payload, effect.Bytes);
            _hasFirst = true;
        }
        else
        {
            (_effects ??= new Queue<TransactionEffect>(4)).Enqueue(effect);
        }
    }

    /// <summary>The oldest pending effect, if any. Under the lock.</summary>
    private bool TryTakeEffect(out TransactionEffect effect)
    {
        if (_hasFirst)
        {
            effect = new TransactionEffect(_firstKind, _firstPayload, _firstBytes);
            (_firstPayload, _firstBytes) = (null, default);
            _hasFirst = false;
            return true;
        }
        if (_effects is { Count: > 0 } queue) return queue.TryDequeue(out effect);
        effect = default;
        return false;
    }

    /// <summary>Drops every pending effect. Under the lock.</summary>
    private void ClearEffects()
    {
        (_firstPayload, _firstBytes) = (null, default);
        _hasFirst = false;
        _effects?.Clear();
    }

    /// <summary>Carries out queued effects unless another thread already is; that thread will pick up ours.</summary>
    private protected void Drain()
    {
        lock (Gate)
        {
            if (_draining) return;
            _draining = true;
        }
        Pump();
    }

    private void Pump()
    {
        while (true)
        {
            TransactionEffect effect;
            var reportTermination = false;
            lock (Gate)
            {
                if (!TryTakeEffect(out effect))
                {
                    if (State != TransactionState.Terminated || _terminationReported)
                    {
                        // Once per waiting state, after its first sends (routing a response from the request decodes
                        // its Via again). A transaction that keeps its request decodes it again on a later re-send and
                        // keeps that; one that kept only a route re-sends along it.
                        var state = State;
                        if (state >= TransactionState.Completed && state != _shedIn)
                        {
                            _shedIn = state;
                            if (_effects is { Count: 0 }) _effects = null; // a waiting state rarely has two effects at once
                            Shed();
                        }
                        _draining = false;
                        return;
                    }
                    _terminationReported = true;
                    reportTermination = true;
                }
            }

            if (reportTermination || effect.Kind != TransactionEffectKind.Send)
            {
                // A TU that throws must not stop the machine: the transaction still has to absorb retransmissions.
                try
                {
                    if (reportTermination) NotifyTerminated();
                    else Notify(effect);
                }
                catch (Exception ex)
                {
                    TransactionLog.UserCallbackFailed(Layer.Logger, Method, Branch, ex);
                }
                continue;
            }

            ValueTask<SendResult> pending;
            try
            {
                pending = TransmitAsync(effect.Bytes);
            }
            catch (Exception ex)
            {
                pending = ValueTask.FromResult(SendResult.Failed(ex.Message));
            }
            if (!pending.IsCompleted)
            {
                // Keep the drain going after the transport finishes, so later effects stay in order behind this send.
                _ = ResumeAfterSendAsync(pending);
                return;
            }
            Sent(Outcome(pending));
        }
    }

    private async Task ResumeAfterSendAsync(ValueTask<SendResult> pending)
    {
        SendResult result;
        try
        {
            result = await pending.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            result = SendResult.Failed(ex.Message);
        }
        Sent(result);
        Pump();
    }

    private static SendResult Outcome(ValueTask<SendResult> completed)
    {
        try
        {
            return completed.Result;
        }
        catch (Exception ex)
        {
            return SendResult.Failed(ex.Message);
        }
    }

    private void Sent(SendResult result)
    {
        if (result.Sent) return;
        var error = result.Error ?? "transport error";
        TransactionLog.TransportFailed(Layer.Logger, Method, Branch, error);
        lock (Gate)
        {
            Apply(TransactionEvent.TransportError(error));
        }
    }
}
