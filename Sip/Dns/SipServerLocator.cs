using System.Net;
using DnsClient;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

using Cinema.Sip.Transport;

namespace Cinema.Sip.Dns;

/// <summary>
/// RFC 3263 §4 client-side server location: NAPTR → SRV → A/AAAA, producing the ordered endpoints
/// to try. Thread-safe; share one instance so its DNS cache is shared.
/// </summary>
public sealed class SipServerLocator : ISipServerLocator
{
    private readonly IDnsQuery _dns;
    private readonly LocatorSettings _settings;
    private readonly Random _random;
    private readonly Lock _randomLock = new();
    private readonly ILogger _logger;

    /// <summary>Creates a locator with its own DNS client configured from <paramref name="options"/>.</summary>
    /// <param name="options">Settings; copied, later changes have no effect.</param>
    /// <param name="random">Source for SRV weighted selection (RFC 2782); inject a fixed one for repeatable tests.</param>
    /// <param name="logger">Optional diagnostics.</param>
    public SipServerLocator(SipServerLocatorOptions options, Random? random = null, ILogger<SipServerLocator>? logger = null)
        : this(CreateLookupClient(options), options, random, logger)
    {
    }

    /// <summary>Creates a locator over an existing DNS client (for sharing one cache, or for tests).</summary>
    public SipServerLocator(IDnsQuery dns, SipServerLocatorOptions options, Random? random = null, ILogger<SipServerLocator>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(dns);
        ArgumentNullException.ThrowIfNull(options);
        var invalid = options.Validate();
        if (invalid is not null)
        {
            throw new ArgumentException(invalid, nameof(options));
        }

        _dns = dns;
        _settings = LocatorSettings.From(options);
        _random = random ?? Random.Shared;
        _logger = logger ?? NullLogger<SipServerLocator>.Instance;
    }

    /// <summary>Builds the DnsClient lookup client that <paramref name="options"/> describe.</summary>
    public static LookupClient CreateLookupClient(SipServerLocatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var invalid = options.Validate();
        if (invalid is not null)
        {
            throw new ArgumentException(invalid, nameof(options));
        }

        var clientOptions = options.NameServers.Count > 0
            ? new LookupClientOptions([.. options.NameServers])
            : new LookupClientOptions();

        clientOptions.Timeout = options.QueryTimeout;
        clientOptions.Retries = options.QueryRetries;

        // Failures are values here (see DnsLookup), and configured servers are tried in the order given.
        clientOptions.ThrowDnsErrors = false;
        clientOptions.UseRandomNameServer = false;
        clientOptions.UseTcpFallback = true;

        // RFC 1035 §3.2.1 / RFC 2308: positive answers live for their TTL, negative ones briefly.
        clientOptions.UseCache = options.UseCache;
        clientOptions.MinimumCacheTimeout = options.MinimumCacheTtl;
        clientOptions.MaximumCacheTimeout = options.MaximumCacheTtl;
        clientOptions.CacheFailedResults = options.UseCache && options.NegativeCacheDuration > TimeSpan.Zero;
        if (clientOptions.CacheFailedResults)
        {
            clientOptions.FailedResultsCacheDuration = options.NegativeCacheDuration;
        }

        return new LookupClient(clientOptions);
    }

    /// <inheritdoc />
    public async Task<SipServerLocation> LocateAsync(SipTarget target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var location = await LocateCoreAsync(target, cancellationToken).ConfigureAwait(false);
        if (location.Succeeded)
        {
            SipDnsLog.Located(_logger, target.Host, location);
        }
        else
        {
            SipDnsLog.NotLocated(_logger, target.Host, location.Error, location.Reason);
        }

        return location;
    }

    private async Task<SipServerLocation> LocateCoreAsync(SipTarget target, CancellationToken cancellationToken)
    {
        var host = target.Host.Trim();
        if (host.Length == 0 || host == ".")
        {
            return SipServerLocation.Failure(SipLocationError.InvalidTarget, "The target has no host.");
        }

        if (target.Port is { } p && (p < 1 || p > 65535))
        {
            return SipServerLocation.Failure(SipLocationError.InvalidTarget, $"Port {p} is out of range.");
        }

        SipTransportKind? explicitTransport = null;
        if (target.Transport is not null)
        {
            var error = SipTransportRules.TryResolveParameter(target.Transport, target.Secure, _settings.Transports, out var t);
            if (error is not null)
            {
                return SipServerLocation.Failure(SipLocationError.UnsupportedTransport, error);
            }

            explicitTransport = t;
        }

        var transport = explicitTransport ?? SipTransportRules.DefaultTransport(target.Secure, _settings.Transports);
        if (transport is null)
        {
            return SipServerLocation.Failure(SipLocationError.UnsupportedTransport, "sips: needs TLS, which is not enabled.");
        }

        if (target.HostIsNumeric || SipTarget.TryParseAddress(host, out _))
        {
            return LocateNumeric(host, target.Port, transport.Value);
        }

        host = host.TrimEnd('.');
        using var deadline = new CancellationTokenSource(_settings.ResolutionTimeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var run = new LocationRun(_dns, _settings, OrderSrv, host, target.Secure, linked.Token);
        try
        {
            // RFC 3263 §4.1/§4.2: an explicit port skips NAPTR and SRV; an explicit transport skips NAPTR.
            if (target.Port is { } port)
            {
                return await run.ResolveWithPortAsync(port, transport.Value).ConfigureAwait(false);
            }

            return explicitTransport is { } chosen
                ? await run.ResolveWithTransportAsync(chosen).ConfigureAwait(false)
                : await run.ResolveWithDiscoveryAsync(transport.Value).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return SipServerLocation.Failure(
                SipLocationError.Timeout,
                $"Locating '{host}' took longer than {_settings.ResolutionTimeout.TotalSeconds:0.###} s.");
        }
    }

    /// <summary>RFC 3263 §4.1/§4.2: a numeric host needs no DNS at all.</summary>
    private static SipServerLocation LocateNumeric(string host, int? port, SipTransportKind transport)
    {
        if (!SipTarget.TryParseAddress(host, out var address))
        {
            return SipServerLocation.Failure(SipLocationError.InvalidTarget, $"'{host}' is marked numeric but is not an IP address.");
        }

        var endpoint = new IPEndPoint(address, port ?? transport.DefaultPort());
        return SipServerLocation.Success([new SipServerEndpoint(endpoint, transport, null)]);
    }

    private List<SrvEntry> OrderSrv(IEnumerable<SrvEntry> entries)
    {
        // Random is not thread-safe unless it is Random.Shared, and the locator is shared.
        lock (_randomLock)
        {
            return SrvOrdering.Order(entries, _random);
        }
    }
}
