using System.Net;
using Cinema.Sip.Messages;
using Cinema.Sip.Transactions;
using Cinema.Sip.Transport;
using Microsoft.Extensions.Time.Testing;

namespace Cinema.Sip.Tests.Transactions;

/// <summary>A transaction layer on a <see cref="LoopTransport"/>, a <see cref="RecordingUser"/> and fake time.</summary>
internal sealed class TransactionHarness : IDisposable
{
    public static readonly SipEndPoint Peer = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Parse("192.0.2.10"), 5060));

    public TransactionHarness(TransactionOptions? options = null)
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Transport = new LoopTransport(Time);
        User = new RecordingUser();
        Layer = new TransactionLayer(Transport, User, options, Time);
    }

    public FakeTimeProvider Time { get; }

    public LoopTransport Transport { get; }

    public RecordingUser User { get; }

    public TransactionLayer Layer { get; }

    public TransactionOptions Options => Layer.Options;

    public IReadOnlyList<SentMessage> Sent => Transport.Sent;

    public IReadOnlyList<string> SentLabels => [.. Sent.Select(s => s.Label)];

    public static SipEndPoint PeerOver(SipTransportKind transport) => Peer with { Transport = transport };

    public ClientTransaction StartClient(SipRequest request, SipTransportKind transport = SipTransportKind.Udp) =>
        Layer.StartClientTransaction(PeerOver(transport), request, User);

    /// <summary>Delivers a message as if it came from the peer over <paramref name="transport"/>.</summary>
    public InboundMessage Receive(SipMessage message, SipTransportKind transport = SipTransportKind.Udp)
    {
        var inbound = new InboundMessage(message, PeerOver(transport), Transport.LocalEndPointFor(transport), transport == SipTransportKind.Udp ? 0 : 7);
        Layer.Receive(inbound);
        return inbound;
    }

    /// <summary>Delivers a request and returns the server transaction the TU got for it.</summary>
    public ServerTransaction ReceiveNew(SipRequest request, SipTransportKind transport = SipTransportKind.Udp)
    {
        Receive(request, transport);
        return (ServerTransaction)User.Events.Last(e => e.Kind is "request" or "cancel").Transaction!;
    }

    /// <summary>
    /// Moves time forward a millisecond at a time. FakeTimeProvider sets the clock to the target before it fires
    /// what is due, so one big step would start each re-armed timer from the end of the step.
    /// </summary>
    public void Advance(TimeSpan by)
    {
        var step = TimeSpan.FromMilliseconds(1);
        for (var left = by; left > TimeSpan.Zero; left -= step) Time.Advance(left < step ? left : step);
    }

    public void AdvanceMs(double milliseconds) => Advance(TimeSpan.FromMilliseconds(milliseconds));

    /// <summary>Times (since the start) at which messages with this label were sent.</summary>
    public IReadOnlyList<double> SendTimes(string label) => [.. Sent.Where(s => s.Label == label).Select(s => s.At.TotalMilliseconds)];

    public void Dispose() => Layer.Dispose();
}
