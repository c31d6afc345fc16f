using System.Diagnostics.CodeAnalysis;

namespace Cinema.Sip.Dns;

/// <summary>
/// Walks a located endpoint list for one request: RFC 3263 §4.3 says that after a transport error,
/// a timeout or a 503 the client tries the next element of the list. Not thread-safe; use one per request.
/// </summary>
/// <example>
/// <code>
/// var failover = new SipServerFailover(location.Endpoints, negativeCache);
/// while (failover.TryGetNext(out var endpoint))
/// {
///     // send; on success call failover.ReportSuccess() and stop,
///     // on a transport error, timeout or 503 call failover.ReportFailure(...) and loop.
/// }
/// </code>
/// </example>
public sealed class SipServerFailover
{
    private readonly IReadOnlyList<SipServerEndpoint> _endpoints;
    private readonly SipEndpointNegativeCache? _negativeCache;
    private readonly bool[] _tried;

    /// <param name="endpoints">The ordered list from <see cref="SipServerLocation.Endpoints"/>.</param>
    /// <param name="negativeCache">Shared record of recent failures; endpoints in it are tried last.</param>
    public SipServerFailover(IReadOnlyList<SipServerEndpoint> endpoints, SipEndpointNegativeCache? negativeCache = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        _endpoints = endpoints;
        _negativeCache = negativeCache;
        _tried = new bool[endpoints.Count];
    }

    /// <summary>
    /// Whether endpoints that recently failed are still tried after all others. On by default: a
    /// possibly-dead server beats failing the request without trying anything.
    /// </summary>
    public bool TryFailedEndpointsLast { get; init; } = true;

    /// <summary>The endpoint most recently returned by <see cref="TryGetNext"/>.</summary>
    public SipServerEndpoint? Current { get; private set; }

    /// <summary>The cause given to the latest <see cref="ReportFailure"/>, or null if none.</summary>
    public SipFailoverCause? LastFailure { get; private set; }

    /// <summary>How many endpoints have been handed out so far.</summary>
    public int Attempts { get; private set; }

    /// <summary>
    /// True when the response code calls for trying the next server. Only 503 does (RFC 3263 §4.3);
    /// other errors are final answers from a working server.
    /// </summary>
    public static bool IsFailoverStatus(int statusCode) => statusCode == 503;

    /// <summary>
    /// Yields the next endpoint to try: the first untried one not in the negative cache, else (when
    /// <see cref="TryFailedEndpointsLast"/>) the first untried one. False when none are left.
    /// </summary>
    public bool TryGetNext([NotNullWhen(true)] out SipServerEndpoint? endpoint)
    {
        var index = FindUntried(skipFailed: true);
        if (index < 0 && TryFailedEndpointsLast)
        {
            index = FindUntried(skipFailed: false);
        }

        if (index < 0)
        {
            endpoint = null;
            return false;
        }

        _tried[index] = true;
        Attempts++;
        Current = endpoint = _endpoints[index];
        return true;
    }

    /// <summary>Records that <see cref="Current"/> failed and marks it in the negative cache.</summary>
    /// <param name="cause">What went wrong.</param>
    /// <param name="retryAfter">Retry-After of a 503, which RFC 3261 §21.5.4 says to honour for that server.</param>
    public void ReportFailure(SipFailoverCause cause, TimeSpan? retryAfter = null)
    {
        if (Current is null)
        {
            throw new InvalidOperationException("No endpoint has been handed out yet.");
        }

        LastFailure = cause;
        _negativeCache?.MarkFailed(Current, retryAfter);
    }

    /// <summary>Records that <see cref="Current"/> worked, clearing any earlier failure mark.</summary>
    public void ReportSuccess()
    {
        if (Current is null)
        {
            throw new InvalidOperationException("No endpoint has been handed out yet.");
        }

        _negativeCache?.MarkSucceeded(Current);
    }

    /// <summary>Shorthand for <see cref="ReportFailure"/> followed by <see cref="TryGetNext"/>.</summary>
    public bool TryFailOver(SipFailoverCause cause, [NotNullWhen(true)] out SipServerEndpoint? next, TimeSpan? retryAfter = null)
    {
        ReportFailure(cause, retryAfter);
        return TryGetNext(out next);
    }

    private int FindUntried(bool skipFailed)
    {
        for (var i = 0; i < _endpoints.Count; i++)
        {
            if (!_tried[i] && !(skipFailed && _negativeCache?.IsFailed(_endpoints[i]) == true))
            {
                return i;
            }
        }

        return -1;
    }
}
