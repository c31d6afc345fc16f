namespace Cinema.Edge.Proxy;

/// <summary>The final response a proxy sends when no branch answered 2xx (RFC 3261 §16.7 step 6).</summary>
internal static class ResponseSelection
{
    public readonly record struct Choice(int StatusCode, string Reason, Cinema.Sip.Messages.SipResponse? Response);

    public static Choice Best(IReadOnlyList<ProxyBranch> branches)
    {
        ProxyBranch? best = null;
        foreach (var b in branches)
        {
            if (best is null || Better(b, best)) best = b;
        }
        if (best is null) return new Choice(408, "Request Timeout", null);
        var status = best.FinalStatus;
        // A 503 means "this server is unavailable", which is not true of us: the proxy answers 500 instead.
        if (status == 503) return new Choice(500, best.Final is null ? "Destination unreachable" : "Server Internal Error (503 downstream)", null);
        if (best.Final is null) return new Choice(status, status == 408 ? "Request Timeout" : "No response", null);
        return new Choice(status, best.Final.ReasonPhrase, best.Final);
    }

    /// <summary>6xx wins; otherwise the lowest class; a real response beats one made up for a timeout or error.</summary>
    private static bool Better(ProxyBranch a, ProxyBranch b)
    {
        var ca = a.FinalStatus / 100;
        var cb = b.FinalStatus / 100;
        if (ca == 6 || cb == 6) return ca == 6 && cb != 6;
        if (ca != cb) return ca < cb;
        return a.Final is not null && b.Final is null;
    }
}
