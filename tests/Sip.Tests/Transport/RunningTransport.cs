using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Cinema.Sip.Transport;

namespace Cinema.Sip.Tests.Transport;

/// <summary>A started <see cref="SipTransportLayer"/> whose handler puts every message in an inbox.</summary>
internal sealed class RunningTransport : IAsyncDisposable
{
    private readonly Channel<InboundMessage> _inbox = Channel.CreateUnbounded<InboundMessage>();

    private RunningTransport(SipTransportLayer layer) => Layer = layer;

    public SipTransportLayer Layer { get; }

    public static SipTransportOptions Loopback(params string[] listen) =>
        new() { Listen = listen.Length > 0 ? listen : ["udp:127.0.0.1:0", "tcp:127.0.0.1:0"], HandlerConcurrency = 1 };

    public static async Task<RunningTransport> StartAsync(SipTransportOptions? options = null, TimeProvider? time = null, RecordingLogger? logger = null,
        Func<InboundMessage, CancellationToken, ValueTask>? before = null)
    {
        var layer = new SipTransportLayer(options ?? Loopback(), time, logger);
        var running = new RunningTransport(layer);
        await layer.StartAsync(async (message, ct) =>
        {
            if (before is not null) await before(message, ct);
            running._inbox.Writer.TryWrite(message);
        }, TestContext.Current.CancellationToken);
        return running;
    }

    /// <summary>
    /// A transport with a UDP and a TCP listener on the same loopback port, as a SIP server has (5060 for both), so
    /// that a request switched from UDP to TCP finds it. Retries if another process takes the port meanwhile.
    /// </summary>
    public static async Task<RunningTransport> StartOnSharedPortAsync(RecordingLogger? logger = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            int port;
            using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
            {
                probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                port = ((IPEndPoint)probe.LocalEndPoint!).Port;
            }

            try
            {
                return await StartAsync(Loopback($"udp:127.0.0.1:{port}", $"tcp:127.0.0.1:{port}"), logger: logger);
            }
            catch (InvalidOperationException) when (attempt < 10)
            {
            }
        }
    }

    public SipEndPoint Endpoint(SipTransportKind transport, AddressFamily family = AddressFamily.InterNetwork) =>
        Layer.ListeningEndPoints.First(e => e.Transport == transport && e.Address.AddressFamily == family);

    public async Task<InboundMessage> NextAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Eventually.Deadline);
        return await _inbox.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Messages received and not yet taken with <see cref="NextAsync"/>.</summary>
    public int Pending => _inbox.Reader.Count;

    public async ValueTask DisposeAsync() => await Layer.DisposeAsync();
}
