using System.Net;
using Cinema.Sip.Parsing;
using Cinema.Sip.Transport;

namespace Cinema.Sip.Tests.Transactions;

/// <summary>
/// An in-memory <see cref="ISipTransport"/>: records every send with the (fake) time it happened, can fail sends
/// or complete them later, and can hand what it sends to another layer, with losses, to make a loop.
/// </summary>
internal sealed class LoopTransport : ISipTransport
{
    private readonly Lock _gate = new();
    private readonly List<SentMessage> _sent = [];
    private readonly List<(SentMessage Message, TaskCompletionSource<SendResult> Completion)> _held = [];
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _start;

    public LoopTransport(TimeProvider time)
    {
        _time = time;
        _start = time.GetUtcNow();
    }

    /// <summary>Returns an error for sends it matches; null lets the send succeed.</summary>
    public Func<SentMessage, string?>? FailWhen { get; set; }

    /// <summary>Sends it matches throw this exception instead of returning a result.</summary>
    public Func<SentMessage, Exception?>? ThrowWhen { get; set; }

    /// <summary>Sends it matches stay pending until <see cref="ReleaseHeld"/>.</summary>
    public Func<SentMessage, bool>? HoldWhen { get; set; }

    /// <summary>Where sent messages go, as the peer would receive them (source = our address); null records only.</summary>
    public Action<InboundMessage>? Peer { get; set; }

    /// <summary>Sends it matches are recorded but never reach <see cref="Peer"/>: a lossy network.</summary>
    public Func<SentMessage, bool>? LoseWhen { get; set; }

    /// <summary>Our own address, the source the peer sees.</summary>
    public SipEndPoint Self { get; init; } = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Parse("192.0.2.1"), 5060));

    public IReadOnlyList<SentMessage> Sent
    {
        get
        {
            lock (_gate) return [.. _sent];
        }
    }

    public int HeldCount
    {
        get
        {
            lock (_gate) return _held.Count;
        }
    }

    public ValueTask<SendResult> SendRequestAsync(SipEndPoint destination, ReadOnlyMemory<byte> request, CancellationToken cancellationToken = default) =>
        Record(new SentMessage(Elapsed, destination, null, Parse(request)), destination.Transport);

    public ValueTask<SendResult> SendResponseAsync(InboundMessage request, ReadOnlyMemory<byte> response, CancellationToken cancellationToken = default) =>
        Record(new SentMessage(Elapsed, null, request, Parse(response)), request.Source.Transport);

    /// <summary>Over UDP, answers go back to the source, as <see cref="SendResponseAsync(InboundMessage, ReadOnlyMemory{byte}, CancellationToken)"/> records them.</summary>
    public ResponseRoute? RouteResponse(InboundMessage request) =>
        request.Source.Transport.IsReliable() ? null : new ResponseRoute(request.Local, request.Source.Address);

    /// <summary>Recorded with the route's destination and no request: the transaction no longer has one.</summary>
    public ValueTask<SendResult> SendResponseAsync(ResponseRoute route, ReadOnlyMemory<byte> response, CancellationToken cancellationToken = default) =>
        Record(new SentMessage(Elapsed, new SipEndPoint(SipTransportKind.Udp, route.Destination), null, Parse(response)), SipTransportKind.Udp);

    public SipEndPoint LocalEndPointFor(SipTransportKind transport) => Self with { Transport = transport };

    /// <summary>Completes every held send with <paramref name="result"/>.</summary>
    public void ReleaseHeld(SendResult result)
    {
        List<TaskCompletionSource<SendResult>> release;
        lock (_gate)
        {
            release = [.. _held.Select(h => h.Completion)];
            _held.Clear();
        }
        foreach (var completion in release) completion.SetResult(result);
    }

    private TimeSpan Elapsed => _time.GetUtcNow() - _start;

    private ValueTask<SendResult> Record(SentMessage sent, SipTransportKind transport)
    {
        lock (_gate) _sent.Add(sent);
        if (ThrowWhen?.Invoke(sent) is { } exception) throw exception;
        if (FailWhen?.Invoke(sent) is { } error) return ValueTask.FromResult(SendResult.Failed(error));
        if (HoldWhen?.Invoke(sent) == true)
        {
            var completion = new TaskCompletionSource<SendResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate) _held.Add((sent, completion));
            return new ValueTask<SendResult>(completion.Task);
        }
        if (Peer is { } peer && LoseWhen?.Invoke(sent) != true)
            peer(new InboundMessage(sent.Message, Self with { Transport = transport }, Self with { Transport = transport }, 0));
        return ValueTask.FromResult(SendResult.Ok);
    }

    private static Cinema.Sip.Messages.SipMessage Parse(ReadOnlyMemory<byte> bytes)
    {
        var result = SipParser.Parse(bytes.ToArray());
        return result.Message ?? throw new InvalidOperationException("The transaction layer sent an unparsable message: " + result.Error);
    }
}
