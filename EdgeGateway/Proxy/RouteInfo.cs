using Cinema.Edge.Sip;
using Cinema.Sip.Messages;

namespace Cinema.Edge.Proxy;

/// <summary>
/// Route information preprocessing of RFC 3261 §16.4: undo a strict router's rewrite when the Request-URI is
/// ours, and remove our own Route values from the top.
/// </summary>
internal sealed record RouteInfo(SipUri RequestUri, IReadOnlyList<NameAddress> Routes, bool RoutesChanged)
{
    public static RouteInfo From(SipRequest request, LocalIdentity identity)
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
        var skip = 0;
        while (skip < routes.Count && identity.IsUs(routes[skip].Uri)) skip++;
        if (skip > 0)
        {
            routes = [.. routes.Skip(skip)];
            changed = true;
        }
        return new RouteInfo(uri, routes, changed);
    }
}
