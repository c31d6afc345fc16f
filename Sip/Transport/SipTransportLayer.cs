using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cinema.Sip.Transport;

/// <summary>
/// The UDP, TCP and TLS transports of RFC 3261 §18 behind <see cref="ISipTransport"/>: listeners on IPv4 and IPv6,
/// connection reuse, RFC 3581 symmetric response routing, RFC 5626 keep-alive pongs, connection limits and
/// timeouts, and a rate limit per source address (<see cref="SipTransportOptions.SourceRateLimit"/>). Every parsed inbound message goes to the handler given to <see cref="StartAsync"/>; malformed requests
/// are answered statelessly from here (RFC 3261 §8.2.2, with the anti-amplification rule of
/// <see cref="OnDatagramAsync"/>), malformed responses are dropped (§18.1.2). Thread-safe.
/// </summary>
public sealed partial class SipTransportLayer : ISipTransport, IAsyncDisposable
{
    private const int Created = 0;
    private const int Running = 1;
    private const int Stopped = 2;

    private readonly SipTransportOptions _options;
    private readonly ListenEndPoint[] _listen;
    private readonly IPAddress[] _advertised;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConnectionTable _connections;
    private readonly TcpRefusals _refusals;
    private readonly ConcurrentDictionary<SipEndPoint, Task<ConnectOutcome>> _connecting = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];
    private UdpListener[] _udp = [];
    private StreamListener[] _streams = [];
    private (SipEndPoint Bound, SipEndPoint Advertised)[] _identities = [];
    private TlsCredentials? _tls;
    private InboundDispatcher? _dispatcher;
    private ConnectionSweeper? _sweeper;
    private ResponseRoute? _lastRoute;
    private SourceRateLimiter? _requestLimit;
    private SourceRateLimiter? _responseLimit;
    private long _lastConnectionId;
    private int _state;

    /// <param name="options">Settings, checked here (<see cref="SipTransportOptions.Validate"/>).</param>
    /// <param name="timeProvider">Clock for idle, slowloris, connect, handshake and send timeouts.</param>
    /// <param name="logger">Diagnostics.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message names the bad value.</exception>
    public SipTransportLayer(SipTransportOptions options, TimeProvider? timeProvider = null, ILogger<SipTransportLayer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { } invalid) throw new ArgumentException(invalid, nameof(options));
        _listen = [.. options.Listen.Select(ListenEndPoint.Parse)];
        if (_listen.Any(l => l.Transport == SipTransportKind.Tls) && !TlsCredentials.HasCertificate(options.Tls))
            throw new ArgumentException("A tls: listener needs a certificate (Tls.Certificate or Tls.CertificatePath).", nameof(options));
        _advertised = [.. options.AdvertisedAddresses.Select(IPAddress.Parse)];
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<SipTransportLayer>.Instance;
        _connections = new ConnectionTable(options.MaxConnections, options.MaxConnectionsPerAddress);
        _refusals = new TcpRefusals(_time, options.TcpRefusalMemory);
    }

    /// <summary>The bound listeners, with the real ports when port 0 was configured. Empty until started.</summary>
    public IReadOnlyList<SipEndPoint> ListeningEndPoints => [.. _identities.Select(i => i.Bound)];

    /// <summary>TCP/TLS connections counted against the limits: open ones, accepted and opened, and ones being opened.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Datagrams dropped by the per-source rate limit since the start, requests and responses.</summary>
    public long RateLimitDropped => (_requestLimit?.Dropped ?? 0) + (_responseLimit?.Dropped ?? 0);

    /// <summary>Messages from connections held back by the per-source rate limit since the start.</summary>
    public long RateLimitDelayed => (_requestLimit?.Delayed ?? 0) + (_responseLimit?.Delayed ?? 0);

    private bool IsRunning => Volatile.Read(ref _state) == Running;

    /// <summary>
    /// Binds every listener and starts receiving. <paramref name="handler"/> is called for each parsed message, by
    /// up to <see cref="SipTransportOptions.HandlerConcurrency"/> calls at once; its token is cancelled on stop.
    /// </summary>
    /// <exception cref="InvalidOperationException">Already started, or a listener could not be bound (named in the message).</exception>
    public Task StartAsync(Func<InboundMessage, CancellationToken, ValueTask> handler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (Interlocked.CompareExchange(ref _state, Running, Created) != Created)
            throw new InvalidOperationException("The transport layer can be started once.");
        var udp = new List<UdpListener>();
        var streams = new List<StreamListener>();
        try
        {
            _tls = TlsCredentials.Load(_options.Tls);
            foreach (var entry in _listen)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    if (entry.Transport == SipTransportKind.Udp) udp.Add(UdpListener.Open(entry.Address, _options.UdpReceiveBufferBytes, _logger));
                    else streams.Add(StreamListener.Open(entry.Transport, entry.Address, _logger));
                }
                catch (SocketException e)
                {
                    throw new InvalidOperationException($"Cannot listen on {entry}: {e.SocketErrorCode}.", e);
                }
            }
        }
        catch
        {
            foreach (var listener in udp) listener.Dispose();
            foreach (var listener in streams) listener.Dispose();
            Volatile.Write(ref _state, Stopped);
            throw;
        }

        _udp = [.. udp];
        _streams = [.. streams];
        _identities = [.. udp.Select(l => l.Local).Concat(streams.Select(l => l.Local)).Select(b => (b, Advertise(b)))];
        var stopping = _stopping.Token;
        _dispatcher = new InboundDispatcher(_options.InboundQueueCapacity, _options.HandlerConcurrency, handler, _logger, stopping);
        if (_options.SourceRateLimit is { IsOn: true } limit)
        {
            _requestLimit = new SourceRateLimiter("requests", limit.RequestsPerSecond, limit.Burst, limit.MaxTrackedSources, _time, _logger);
            _responseLimit = new SourceRateLimiter("responses", limit.RequestsPerSecond * limit.ResponseAllowance,
                limit.Burst * limit.ResponseAllowance, limit.MaxTrackedSources, _time, _logger);
        }

        _sweeper = new ConnectionSweeper(_connections, _time, new ConnectionTimeouts(_options.IdleTimeout, _options.MessageCompletionTimeout, _options.SendTimeout));
        foreach (var listener in _udp)
        {
            for (var i = 0; i < _options.UdpReceiveLoops; i++)
                _loops.Add(Task.Run(() => listener.ReceiveLoopAsync(OnDatagramAsync, stopping), CancellationToken.None));
        }

        foreach (var listener in _streams)
            _loops.Add(Task.Run(() => listener.AcceptLoopAsync(OnAccepted, _time, stopping), CancellationToken.None));
        foreach (var (bound, advertised) in _identities) SipTransportLog.Listening(_logger, bound, advertised);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Closes the listeners and every connection, and waits (at most <see cref="SipTransportOptions.ShutdownTimeout"/>)
    /// for the loops and running handler calls to end. Sends fail from then on. Calling it again does nothing.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _state, Stopped) != Running) return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var listener in _udp) listener.Dispose();
        foreach (var listener in _streams) listener.Dispose();
        _sweeper?.Dispose();
        _requestLimit?.Dispose();
        _responseLimit?.Dispose();
        var pending = new List<Task>(_loops);
        foreach (var connection in _connections.All.ToArray())
        {
            connection.Close("the transport is stopping");
            pending.Add(connection.Completion);
        }

        if (_dispatcher is not null) pending.Add(_dispatcher.CompleteAsync());
        try
        {
            await Task.WhenAll(pending).WaitAsync(_options.ShutdownTimeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            SipTransportLog.StopTimedOut(_logger, _options.ShutdownTimeout);
        }

        SipTransportLog.Stopped(_logger);
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <inheritdoc/>
    public SipEndPoint LocalEndPointFor(SipTransportKind transport) => LocalEndPointFor(transport, AddressFamily.Unspecified);

    public bool HasConnection(SipEndPoint remote) => remote.Transport.IsReliable() && _connections.Find(remote) is not null;

    /// <summary>
    /// Our address for a Via or Record-Route: the listener of that transport and address family (IPv4 first when
    /// the family is unspecified; any family when none matches), with the advertised address when bound to a
    /// wildcard address.
    /// </summary>
    /// <exception cref="InvalidOperationException">Not started, or no listener of that transport.</exception>
    public SipEndPoint LocalEndPointFor(SipTransportKind transport, AddressFamily family)
    {
        (SipEndPoint Bound, SipEndPoint Advertised)? best = null;
        foreach (var identity in _identities)
        {
            if (identity.Bound.Transport != transport) continue;
            var f = identity.Bound.Address.AddressFamily;
            if (f == family) return identity.Advertised;
            if (best is null || (family == AddressFamily.Unspecified && f == AddressFamily.InterNetwork && best.Value.Bound.Address.AddressFamily != f))
                best = identity;
        }

        return best?.Advertised ?? throw new InvalidOperationException($"There is no {transport.ViaName()} listener.");
    }

    private bool HasListener(SipTransportKind transport, AddressFamily family) =>
        _identities.Any(i => i.Bound.Transport == transport && i.Bound.Address.AddressFamily == family);

    private long NextConnectionId() => Interlocked.Increment(ref _lastConnectionId);

    /// <summary>The address to advertise for a bound listener (RFC 3261 §18.1.1 sent-by must be reachable).</summary>
    private SipEndPoint Advertise(SipEndPoint bound)
    {
        var address = bound.Address.Address;
        if (!address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any)) return bound;
        var chosen = _advertised.FirstOrDefault(a => a.AddressFamily == address.AddressFamily)
            ?? LocalAddresses.Primary(address.AddressFamily);
        return bound with { Address = new IPEndPoint(chosen, bound.Address.Port) };
    }

    private readonly record struct ConnectOutcome(StreamConnection? Connection, string? Error, bool Refused);
}
