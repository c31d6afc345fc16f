using Cinema.Edge.Sip;
using Cinema.Sip.Messages;
using Cinema.Sip.Transport;

namespace Cinema.Edge.Proxy;

/// <summary>
/// Route information preprocessing of RFC 3261 §16.4: undo a strict router's rewrite when the Request-URI is
/// ours, and remove our own Route values from the top. A removed value of ours that carries a flow token (our
/// Path) says which flow the request must leave over.
/// </summary>
internal sealed record RouteInfo(SipUri RequestUri, IReadOnlyList<NameAddress> Routes, bool RoutesChanged, FlowRoute? Flow)
{
    public static RouteInfo From(SipRequest request, LocalIdentity identity, FlowTokens flows)
    {
        var uri = request.RequestUri;
        var routes = request.Routes;
        var changed = false;
        // §16.4: a Request-URI that names us (a value we put in Record-Route) came from a strict router: the
        // real Request-URI is the last Route value.
        if (identity.IsUs(uri) && uri.User is null && routes.Count > 0 && uri.IsLooseRouter)
        {
            uri = routes[^1].Uri;
            routes = [.. routes.Take(routes.Count - 1)];
            changed = true;
        }
        var remaining = routes.ToList();
        var flow = PopOwn(remaining, identity, flows);
        return new RouteInfo(uri, remaining, changed || remaining.Count != routes.Count, flow);
    }

    /// <summary>Removes our values from the top of a route set; returns the flow named by the last token among them.</summary>
    public static FlowRoute? PopOwn(List<NameAddress> routes, LocalIdentity identity, FlowTokens flows)
    {
        FlowRoute? flow = null;
        while (routes.Count > 0 && identity.IsUs(routes[0].Uri))
        {
            if (flows.TryRead(routes[0].Uri.User, out var f)) flow = new FlowRoute(f, routes[0].Uri.User!);
            routes.RemoveAt(0);
        }
        return flow;
    }
}
