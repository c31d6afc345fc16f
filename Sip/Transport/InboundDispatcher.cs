using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Cinema.Sip.Transport;

/// <summary>
/// A bounded queue between the receive loops and the owner's handler, drained by a fixed number of workers, so a
/// slow handler never blocks a UDP receive loop: when the queue is full, datagrams are dropped (the sender
/// retransmits, RFC 3261 §17.1.1.2) while stream readers wait, which pushes back on the peer through TCP flow control.
/// </summary>
internal sealed class InboundDispatcher
{
    private readonly Channel<InboundMessage> _queue;
    private readonly Func<InboundMessage, CancellationToken, ValueTask> _handler;
    private readonly ILogger _logger;
    private readonly Task[] _workers;
    private long _droppedSinceLog;

    public InboundDispatcher(int capacity, int workers, Func<InboundMessage, CancellationToken, ValueTask> handler, ILogger logger, CancellationToken stopping)
    {
        _queue = Channel.CreateBounded<InboundMessage>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = workers == 1,
        });
        _handler = handler;
        _logger = logger;
        _workers = new Task[workers];
        for (var i = 0; i < workers; i++) _workers[i] = Task.Run(() => DrainAsync(stopping), CancellationToken.None);
    }

    /// <summary>Queues a datagram's message, or drops it when the queue is full.</summary>
    public void Post(InboundMessage message)
    {
        if (_queue.Writer.TryWrite(message))
        {
            if (Volatile.Read(ref _droppedSinceLog) > 0)
            {
                var dropped = Interlocked.Exchange(ref _droppedSinceLog, 0);
                if (dropped > 0) SipTransportLog.QueueRecovered(_logger, dropped);
            }

            return;
        }

        // Log once when dropping starts, and the count when it ends: a flood must not also flood the log.
        if (Interlocked.Increment(ref _droppedSinceLog) == 1) SipTransportLog.QueueFull(_logger, message.Source);
    }

    /// <summary>Queues a stream's message, waiting for room.</summary>
    public ValueTask PostAsync(InboundMessage message, CancellationToken cancellationToken) =>
        _queue.Writer.WriteAsync(message, cancellationToken);

    /// <summary>Stops taking messages; the workers end once the stopping token is cancelled or the queue is drained.</summary>
    public Task CompleteAsync()
    {
        _queue.Writer.TryComplete();
        return Task.WhenAll(_workers);
    }

    private async Task DrainAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var message in _queue.Reader.ReadAllAsync(stopping).ConfigureAwait(false))
            {
                try
                {
                    await _handler(message, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // The owner's handler failing on one message must not stop delivery of the next.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    SipTransportLog.HandlerFailed(_logger, e, message.Source);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }
}
