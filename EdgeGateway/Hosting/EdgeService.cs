using Cinema.Edge.Auth;
using Cinema.Edge.Configuration;
using Cinema.Grains;
using Cinema.Sip.Auth;
using Cinema.Edge.Proxy;
using Cinema.Edge.Sip;
using Cinema.Sip.Dns;
using Cinema.Sip.Messages;
using Cinema.Sip.Transactions;
using Cinema.Sip.Transport;
using Cinema.Sip.Validation;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cinema.Edge.Hosting;

/// <summary>
/// The SIP edge as a hosted service: binds the listeners, runs the transaction layer and the SIP core, and calls
/// grains through whatever <see cref="IGrainFactory"/> the host has (the silo itself in the embedded default, a
/// cluster client in a stand-alone gateway).
/// </summary>
public sealed partial class EdgeService(
    EdgeSettings settings,
    IGrainFactory grains,
    TimeProvider time,
    ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger = loggers.CreateLogger<EdgeService>();
    private SipTransportLayer? _transport;
    private TransactionLayer? _layer;

    /// <summary>The bound listeners (real ports when configured with port 0).</summary>
    public IReadOnlyList<SipEndPoint> Listening => _transport?.ListeningEndPoints ?? [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var transport = new SipTransportLayer(settings.Transport, time, loggers.CreateLogger<SipTransportLayer>());
        _transport = transport;
        TransactionLayer? layer = null;
        await transport.StartAsync((message, _) =>
        {
            layer?.Receive(message);
            return ValueTask.CompletedTask;
        }, cancellationToken);

        var identity = new LocalIdentity(settings, transport, transport.ListeningEndPoints);
        var locator = new SipServerLocator(new SipServerLocatorOptions(), logger: loggers.CreateLogger<SipServerLocator>());
        var calls = new CallRecorder(grains, time, settings.RecordCalls);
        var flows = new FlowTokens(await grains.GetGrain<ISecretGrain>("flow-token").GetSecret());
        var proxy = new ProxyCore(grains, identity, transport, locator, settings, calls, flows, time, loggers.CreateLogger<ProxyCore>());
        var registrar = new RegistrarFront(grains, identity, flows, settings, time);
        var validator = new RequestValidator(SipCore.Extensions, SipCore.AllowedMethods, [MediaType.Sdp]);
        var auth = settings.AuthRequired ? await CreateAuthGateAsync(identity) : null;
        var core = new SipCore(proxy, registrar, identity, validator, auth, transport, settings.MaxPendingRequests, loggers.CreateLogger<SipCore>());
        // A proxy answers INVITE with 100 at once (RFC 3261 §16.2) and forwards stray 2xx (§16.7 step 1).
        layer = new TransactionLayer(transport, core, new TransactionOptions { SendTryingImmediately = true, PassStray2xxToUser = true },
            time, loggers.CreateLogger<TransactionLayer>());
        proxy.Layer = layer;
        _layer = layer;
#pragma warning disable CA1873 // once at start-up
        LogListening(_logger, string.Join(", ", transport.ListeningEndPoints), string.Join(", ", settings.Domains));
#pragma warning restore CA1873
    }

    /// <summary>Digest authentication with the nonce secret every gateway shares (kept by a grain).</summary>
    private async Task<AuthGate> CreateAuthGateAsync(LocalIdentity identity)
    {
        var secret = await grains.GetGrain<ISecretGrain>("digest-nonce").GetSecret();
        var digest = new DigestServer(new NonceService(secret, time, settings.NonceLifetime), new NonceCountTracker(),
            new DigestServerOptions { Algorithms = settings.AuthAlgorithms });
        var guard = new BruteForceGuard(settings.Throttle, time, loggers.CreateLogger<BruteForceGuard>());
        return new AuthGate(grains, digest, guard, identity, time, loggers.CreateLogger<AuthGate>());
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_transport is { } transport) await transport.StopAsync(cancellationToken);
        _layer?.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (_transport is { } transport) await transport.DisposeAsync();
        _layer?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SIP listening on {Listeners}; domains {Domains}")]
    private static partial void LogListening(ILogger logger, string listeners, string domains);
}
