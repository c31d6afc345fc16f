using Cinema.Integration.Tests.Infrastructure;
using Cinema.Sip.Dns;
using Cinema.Sip.Messages;

namespace Cinema.Integration.Tests.Cluster;

/// <summary>
/// A phone that finds its proxy the way RFC 3263 says: SRV records in priority order, and on a transaction timeout
/// or a 503 a new transaction to the next target (§4.3). Targets that failed are remembered for a while, so only
/// the first transaction after a gateway dies pays the timeout.
/// </summary>
internal sealed class SrvPhone(SipTestClient client, SipServerLocator locator, TimeSpan transactionTimeout)
{
    private readonly SipEndpointNegativeCache _failed = new(TimeSpan.FromMinutes(5));

    public SipTestClient Client { get; } = client;

    /// <summary>Where the last transaction was answered.</summary>
    public SipServerEndpoint? LastUsed { get; private set; }

    /// <summary>Sends <paramref name="request"/> towards <paramref name="host"/>, failing over; null when every target failed.</summary>
    public async Task<SipResponse?> RequestAsync(SipRequestBuilder request, string host)
    {
        var sent = request.Build();
        var failover = new SipServerFailover(await LocateAsync(host), _failed);
        while (failover.TryGetNext(out var endpoint))
        {
            var response = await Client.RequestAsync(SipTestClient.WithNewBranch(sent), endpoint.EndPoint.ToString(), transactionTimeout);
            if (response is null)
            {
                failover.ReportFailure(SipFailoverCause.Timeout);
                continue;
            }
            if (SipServerFailover.IsFailoverStatus(response.StatusCode))
            {
                failover.ReportFailure(SipFailoverCause.ServiceUnavailable);
                continue;
            }
            failover.ReportSuccess();
            LastUsed = endpoint;
            return response;
        }
        return null;
    }

    /// <summary>Sends a request that has no response (an ACK for a 2xx) to the first target not known to be down.</summary>
    public async Task SendAsync(SipRequestBuilder request, string host)
    {
        var failover = new SipServerFailover(await LocateAsync(host), _failed);
        Assert.True(failover.TryGetNext(out var endpoint), $"no target for {host}");
        await Client.SendAsync(request.ToArray(), endpoint.EndPoint.ToString());
    }

    /// <summary>
    /// The ACK or BYE of the dialog a 2xx to <paramref name="invite"/> set up (RFC 3261 §12.1.2, §13.2.2.4): the
    /// remote Contact as Request-URI, the Record-Route set reversed as Route, and the host it is sent to.
    /// </summary>
    public (SipRequestBuilder Request, string Host) InDialog(SipRequest invite, SipResponse answer, string method, uint cseq)
    {
        var request = Client.NewRequest(method, answer.Contacts[0].Uri.ToString(), invite.From.Uri.ToString(), invite.To.Uri.ToString(), invite.CallId, cseq)
            .From(invite.From)
            .To(answer.To);
        var routes = answer.RecordRoutes.Reverse().ToList();
        foreach (var route in routes) request.AddHeader(HeaderKind.Route, route.ToString());
        return (request, routes.Count > 0 ? routes[0].Uri.Host : answer.Contacts[0].Uri.Host);
    }

    private async Task<IReadOnlyList<SipServerEndpoint>> LocateAsync(string host)
    {
        var location = await locator.LocateAsync(SipTarget.Create(host, transport: "udp"), TestContext.Current.CancellationToken);
        Assert.True(location.Endpoints.Count > 0, $"{host} did not resolve: {location.Error}");
        return location.Endpoints;
    }
}
