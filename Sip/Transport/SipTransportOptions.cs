using Cinema.Sip.Parsing;

namespace Cinema.Sip.Transport;

/// <summary>Settings for <see cref="SipTransportLayer"/>. The defaults suit a registrar/proxy facing phones.</summary>
public sealed record SipTransportOptions
{
    /// <summary>Where to listen, as <see cref="ListenEndPoint"/> entries ("udp:0.0.0.0:5060", "tcp:[::]:5060", "tls:0.0.0.0:5061").</summary>
    public IReadOnlyList<string> Listen { get; init; } = ["udp:0.0.0.0:5060", "tcp:0.0.0.0:5060"];

    /// <summary>
    /// IP addresses to put in Via and Record-Route for listeners bound to a wildcard address (0.0.0.0 or [::]), at
    /// most one per address family. Without one, the first non-loopback address of the machine is used.
    /// </summary>
    public IReadOnlyList<string> AdvertisedAddresses { get; init; } = [];

    /// <summary>TLS certificate and validation; required when a tls: listener is configured.</summary>
    public SipTlsOptions Tls { get; init; } = new();

    public ParserLimits Limits { get; init; } = ParserLimits.Default;

    /// <summary>
    /// A request over UDP larger than this goes over TCP instead (RFC 3261 §18.1.1: 1300 bytes when the path MTU is
    /// unknown, otherwise MTU - 200).
    /// </summary>
    public int UdpMaxRequestBytes { get; init; } = 1300;

    /// <summary>
    /// How long to remember that a destination refused TCP after a size-driven switch, so requests to it stay on UDP
    /// (RFC 3261 §18.1.1: retry over UDP on a TCP reset or ICMP protocol unsupported).
    /// </summary>
    public TimeSpan TcpRefusalMemory { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Messages waiting for the handler. When full, UDP datagrams are dropped and stream reads wait.</summary>
    public int InboundQueueCapacity { get; init; } = 8192;

    /// <summary>How many handler calls may run at once.</summary>
    public int HandlerConcurrency { get; init; } = Environment.ProcessorCount;

    /// <summary>Receive loops per UDP socket (each with its own buffer).</summary>
    public int UdpReceiveLoops { get; init; } = 1;

    /// <summary>SO_RCVBUF for UDP sockets, to absorb bursts; null keeps the operating system's default.</summary>
    public int? UdpReceiveBufferBytes { get; init; } = 1 << 20;

    /// <summary>Open TCP/TLS connections in total, accepted and opened by us; new ones beyond are refused.</summary>
    public int MaxConnections { get; init; } = 10_000;

    /// <summary>Accepted connections from one IP address (a NATed office shares one); new ones beyond are closed.</summary>
    public int MaxConnectionsPerAddress { get; init; } = 128;

    /// <summary>
    /// Requests (and, more generously, responses) per second and burst from one source address; over it, datagrams
    /// are dropped before they are parsed and connections are read more slowly. <see cref="SourceRateLimit.Off"/> for
    /// trunks and load tests.
    /// </summary>
    public SourceRateLimit SourceRateLimit { get; init; } = new();

    /// <summary>A connection with no traffic for this long is closed (phones keep theirs alive, RFC 5626 §4.4.1).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>A message begun on a connection must be complete within this time, or the connection is closed (slowloris).</summary>
    public TimeSpan MessageCompletionTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Time allowed for the TLS handshake on a new connection, either side.</summary>
    public TimeSpan TlsHandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A write to a connection that does not finish in this time closes it (a peer that stopped reading).</summary>
    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Upper bound for <see cref="SipTransportLayer.StopAsync"/> to wait for loops and handlers.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Checks the settings; returns a message naming the first invalid one, or null.</summary>
    public string? Validate()
    {
        if (Listen.Count == 0) return "At least one listen entry is required.";
        foreach (var entry in Listen)
        {
            if (!ListenEndPoint.TryParse(entry, out _, out var error)) return error;
        }

        foreach (var address in AdvertisedAddresses)
        {
            if (!ListenEndPoint.TryParseAddress(address, out _)) return $"Advertised address '{address}' is not an IP address.";
        }

        if (UdpMaxRequestBytes < 0) return "UdpMaxRequestBytes must not be negative.";
        if (InboundQueueCapacity < 1 || HandlerConcurrency < 1 || UdpReceiveLoops < 1)
            return "InboundQueueCapacity, HandlerConcurrency and UdpReceiveLoops must be at least 1.";
        if (MaxConnections < 1 || MaxConnectionsPerAddress < 1) return "Connection limits must be at least 1.";
        if (SourceRateLimit.Validate() is { } rateProblem) return "SourceRateLimit: " + rateProblem;
        foreach (var (name, value) in (ReadOnlySpan<(string, TimeSpan)>)[
            (nameof(IdleTimeout), IdleTimeout), (nameof(MessageCompletionTimeout), MessageCompletionTimeout),
            (nameof(TlsHandshakeTimeout), TlsHandshakeTimeout), (nameof(ConnectTimeout), ConnectTimeout),
            (nameof(SendTimeout), SendTimeout), (nameof(ShutdownTimeout), ShutdownTimeout)])
        {
            if (value <= TimeSpan.Zero) return $"{name} must be positive.";
        }

        return TcpRefusalMemory < TimeSpan.Zero ? "TcpRefusalMemory must not be negative." : null;
    }
}
