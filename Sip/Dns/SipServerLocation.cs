namespace Cinema.Sip.Dns;

/// <summary>The outcome of locating the servers for a <see cref="SipTarget"/>.</summary>
/// <remarks>
/// Resolution failures are values, not exceptions: a name that does not resolve is an ordinary
/// routing outcome the transaction layer turns into a response (for example a 404 or 503).
/// </remarks>
public sealed class SipServerLocation
{
    private SipServerLocation(IReadOnlyList<SipServerEndpoint> endpoints, SipLocationError error, string? reason)
    {
        Endpoints = endpoints;
        Error = error;
        Reason = reason;
    }

    /// <summary>Endpoints in the order to try them (RFC 3263 §4.3); empty when location failed.</summary>
    public IReadOnlyList<SipServerEndpoint> Endpoints { get; }

    /// <summary><see cref="SipLocationError.None"/> on success, else the main reason nothing was found.</summary>
    public SipLocationError Error { get; }

    /// <summary>A human-readable explanation of a failure, naming the DNS name involved; null on success.</summary>
    public string? Reason { get; }

    public bool Succeeded => Endpoints.Count > 0;

    public static SipServerLocation Success(IReadOnlyList<SipServerEndpoint> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.Count == 0)
        {
            throw new ArgumentException("A successful location needs at least one endpoint.", nameof(endpoints));
        }

        return new SipServerLocation(endpoints, SipLocationError.None, null);
    }

    public static SipServerLocation Failure(SipLocationError error, string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        if (error == SipLocationError.None)
        {
            throw new ArgumentException("A failure needs an error code.", nameof(error));
        }

        return new SipServerLocation([], error, reason);
    }

    public override string ToString() =>
        Succeeded ? string.Join(", ", Endpoints) : $"{Error}: {Reason}";
}
