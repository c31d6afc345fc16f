using System.Net;
using Cinema.Edge.Configuration;
using Cinema.Edge.Sip;
using Cinema.Grains;
using Cinema.Sip.Dns;
using Cinema.Sip.Messages;
using Cinema.Sip.Parsing;
using Cinema.Sip.Transactions;
using Cinema.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace Cinema.Edge.Proxy;

/// <summary>
/// The stateful proxy of RFC 3261 §16: request validation done by the caller, loop detection, route
/// preprocessing, target set from the location service (parallel forking in q order), forwarding with Via,
/// Max-Forwards and Record-Route, and response handling through a <see cref="ResponseContext"/>. In redirect mode a
/// served domain's targets are returned in a 302 instead (§8.3).
/// </summary>
internal sealed partial class ProxyCore(
    IGrainFactory grains,
    LocalIdentity identity,
    ISipTransport transport,
    ISipServerLocator locator,
    EdgeSettings settings,
    CallRecorder calls,
    FlowTokens flows,
    TimeProvider time,
    ILogger<ProxyCore> logger)
{
    public TransactionLayer Layer { get; set; } = null!;

    public async Task HandleAsync(ServerTransaction tx)
    {
        var request = tx.Request;
        var context = new ResponseContext(this, tx);
        tx.UserState = context;

        // §16.3 step 4.
        if (LoopDetection.IsLoop(request, identity))
        {
            Respond(tx, 482, "Loop Detected");
            return;
        }

        var route = RouteInfo.From(request, identity, flows);
        var targets = await TargetsAsync(tx, route);
        if (targets is null) return; // answered already (404, 480, 302)

        if (context.Cancelled)
        {
            Respond(tx, 487, "Request Terminated");
            return;
        }
        if (context.IsInvite && request.To.Tag is null) calls.Started(request);

        foreach (var target in targets)
        {
            var branch = new ProxyBranch(context, target);
            context.Add(branch);
            await ForwardAsync(context, request, branch, route);
        }
        context.ForwardingDone();
    }

    /// <summary>§16.5: the target set. Null when the request was answered here instead.</summary>
    private async Task<List<ProxyTarget>?> TargetsAsync(ServerTransaction tx, RouteInfo route)
    {
        var uri = route.RequestUri;
        // A Route still to follow, or a Request-URI outside our domains: forward to the Request-URI as it is.
        if (route.Routes.Count > 0 || !uri.IsSip || !identity.IsOurDomain(uri.Host) || uri.User is null)
            return [new ProxyTarget(uri, null)];

        var aor = uri.AddressOfRecord;
        var registrar = grains.ByKey<IRegistrarGrain>(aor);
        var lookup = await GrainCalls.RetryAsync(registrar.Lookup, time);
        if (lookup.Bindings.Length == 0)
        {
            // 404 when nothing is known of the user, 480 when the user exists but is not registered now.
            var account = grains.ByKey<IAccountGrain>(aor);
            var known = lookup.Known || await GrainCalls.RetryAsync(account.Exists, time);
            if (known) Respond(tx, 480, "Temporarily Unavailable");
            else Respond(tx, 404, "Not Found");
            return null;
        }
        if (settings.RedirectDomains.Contains(uri.Host))
        {
            Redirect(tx, lookup.Bindings);
            return null;
        }
        return [.. lookup.Bindings.Select(b => new ProxyTarget(SipUri.Parse(b.Uri), b))];
    }

    private void Redirect(ServerTransaction tx, Binding[] bindings)
    {
        var response = tx.CreateResponse(302, "Moved Temporarily").WithToTag(Tags.New());
        var now = time.GetUtcNow();
        foreach (var b in bindings)
        {
            var contact = "<" + b.Uri + ">;expires=" + b.RemainingSeconds(now).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (b.Q is { } q) contact += ";q=" + q.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
            response.AddHeader(HeaderKind.Contact, contact);
        }
        tx.SendResponse(response);
    }

    /// <summary>§16.6: copy, retarget, decrement Max-Forwards, Record-Route, route, Via, send in a client transaction.</summary>
    /// <param name="request">The request as received, read once by the caller: the server transaction lets go of it
    /// as soon as one branch's answer has gone up, which may happen before the last branch is forwarded.</param>
    private async Task ForwardAsync(ResponseContext context, SipRequest request, ProxyBranch branch, RouteInfo route)
    {
        var target = branch.TakeTarget();
        var builder = request.ToBuilder().WithRequestUri(target.RequestUri);
        builder.MaxForwards(request.MaxForwards is { } mf ? mf - 1 : 70);
        // Credentials for our own realm are ours; the next hop has no use for them.
        if (request.ProxyAuthorization.Any(c => c.Parameters["realm"] is { } r && identity.IsOurDomain(r))) builder.RemoveHeaders(HeaderKind.ProxyAuthorization);

        // Route set: the Path of the binding in front (RFC 3327 §5.3), then what is left of the request's; our own
        // values at the top (our Path, when the phone registered through us) are used here, not sent.
        var routes = new List<NameAddress>();
        if (target.Binding is { } binding) routes.AddRange(binding.Path.Select(NameAddress.Parse));
        routes.AddRange(route.Routes);
        var flow = RouteInfo.PopOwn(routes, identity, flows) ?? route.Flow;
        if (route.RoutesChanged || routes.Count != request.Routes.Count)
        {
            builder.RemoveHeaders(HeaderKind.Route);
            foreach (var r in routes) builder.AddHeader(HeaderKind.Route, r.ToString());
        }

        var next = await NextHopAsync(target, routes, flow);
        if (next is not { } destination)
        {
            LogNoRoute(logger, target.RequestUri);
            context.Synthesize(branch, 503);
            return;
        }

        // §16.6 step 4: stay in the path of the dialog. Toward a flow we hold, with our own address and its token,
        // so the dialog's requests come back to this gateway and leave over that flow (RFC 5626 §5.3).
        if (request.To.Tag is null && request.Method is SipMethod.Invite or SipMethod.Subscribe or SipMethod.Refer)
        {
            builder.PrependHeader(HeaderKind.RecordRoute, flow is not null && destination == flow.Flow
                ? identity.FlowRecordRoute(flow.Flow, flow.Token)
                : identity.RecordRoute(destination.Transport));
        }

        var branchId = LoopDetection.NewBranch(request, request.RequestUri);
        var bytes = WithVia(builder, destination.Transport, branchId);
        var kind = transport.ChooseTransport(destination, bytes.Length);
        if (kind != destination.Transport)
        {
            // §18.1.1: too large for UDP; the Via must name the transport actually used.
            builder.RemoveFirstValue(HeaderKind.Via);
            destination = destination with { Transport = kind };
            bytes = WithVia(builder, kind, branchId);
        }
        var parsed = SipParser.Parse(bytes);
        if (parsed.Request is not { } forwarded)
        {
            LogUnforwardable(logger, parsed.Error?.Reason);
            context.Synthesize(branch, 500);
            return;
        }
        StartTimerC(context, branch);
        var client = Layer.StartClientTransaction(destination, forwarded, bytes, branch);
        branch.Transaction ??= client;
    }

    private byte[] WithVia(SipRequestBuilder builder, SipTransportKind kind, string branchId)
    {
        var sentBy = identity.SentBy(kind).Address;
        var host = sentBy.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "[" + sentBy.Address + "]" : sentBy.Address.ToString();
        builder.Via(new Via(kind.ViaName(), host, sentBy.Port).WithParameter("branch", branchId));
        return builder.ToArray();
    }

    /// <summary>
    /// Where the request goes next: the top Route; else the flow our own Path named; else, for a registered contact that is only reachable through
    /// the flow it registered over (RFC 5626 outbound, or a private contact address behind NAT), the address and
    /// transport it registered from; else the Request-URI, located by RFC 3263.
    /// </summary>
    private async Task<SipEndPoint?> NextHopAsync(ProxyTarget target, List<NameAddress> routes, FlowRoute? flow)
    {
        var next = await UnsecuredNextHopAsync(target, routes, flow);
        // RFC 3261 §26.2.2: a sips: request goes over TLS on every hop, or not at all.
        return target.RequestUri.IsSecure && next is { Transport: not SipTransportKind.Tls } ? null : next;
    }

    private async Task<SipEndPoint?> UnsecuredNextHopAsync(ProxyTarget target, List<NameAddress> routes, FlowRoute? flowRoute)
    {
        if (routes.Count > 0) return await ResolveAsync(routes[0].Uri);
        if (flowRoute?.Flow is { } f)
        {
            // A flow named by our Path: its connection while it is open; over UDP only when the contact cannot be
            // reached directly (NAT, outbound). A flow named by our Record-Route was chosen when the dialog began.
            var usable = target.Binding is { } binding
                ? transport.HasConnection(f) || (f.Transport == SipTransportKind.Udp && UsesFlow(binding, target.RequestUri))
                : f.Transport == SipTransportKind.Udp || transport.HasConnection(f);
            if (usable) return f;
        }
        if (target.Binding is { } b && UsesFlow(b, target.RequestUri)
            && SipTransportKindExtensions.TryParse(b.Source.Transport, out var kind)
            && IPEndPoint.TryParse(b.Source.RemoteAddress, out var address))
            return new SipEndPoint(kind, address);
        return await ResolveAsync(target.RequestUri);
    }

    private static bool UsesFlow(Binding binding, SipUri contact) =>
        IPEndPoint.TryParse(binding.Source.RemoteAddress, out var source) && NatDetection.NeedsFlow(contact, binding.RegId, source.Address);

    private async Task<SipEndPoint?> ResolveAsync(SipUri uri)
    {
        if (!uri.IsSip) return null;
        var location = await locator.LocateAsync(SipTarget.Create(uri.HostName, uri.Port, uri.Transport, uri.IsSecure, uri.Maddr));
        if (!location.Succeeded || location.Endpoints.Count == 0) return null;
        var first = location.Endpoints[0];
        return new SipEndPoint(first.Transport, first.EndPoint);
    }

    /// <summary>Passes a response up: our Via removed, sent through the server transaction (§16.7 step 9).</summary>
    public static void ForwardUpstream(ServerTransaction server, SipResponse response)
    {
        var bytes = response.ToBuilder().RemoveFirstValue(HeaderKind.Via).ToArray();
        server.SendResponse(response.StatusCode, bytes);
    }

    /// <summary>§9.1 / §16.10: a CANCEL for a branch, in its own client transaction to the same destination.</summary>
    public static void SendCancel(ProxyBranch branch)
    {
        // Through the transaction, which sends nothing once the branch has its final response (its request is gone
        // by then) and holds the CANCEL back until a provisional response if none has come yet (§9.1).
        if (branch.Transaction is ClientInviteTransaction invite) invite.Cancel(CancelUser.Instance);
    }

    /// <summary>§16.7 steps 6–8: the best final response when no 2xx came.</summary>
    public void SendBestFinal(ResponseContext context, ProxyBranch[] branches)
    {
        var best = ResponseSelection.Best(branches);
        var server = context.Server;
        if (best.Response is { } real)
        {
            var builder = real.ToBuilder().RemoveFirstValue(HeaderKind.Via);
            if (best.StatusCode is 401 or 407)
            {
                // §16.7 step 7: collect the challenges of every branch.
                builder.RemoveHeaders(HeaderKind.WwwAuthenticate).RemoveHeaders(HeaderKind.ProxyAuthenticate);
                foreach (var b in branches.Where(b => b.Final is { StatusCode: 401 or 407 }))
                {
                    foreach (var h in b.Final!.Headers.Where(h => h.Kind is HeaderKind.WwwAuthenticate or HeaderKind.ProxyAuthenticate))
                        builder.AddHeader(h.Kind, h.Value);
                }
            }
            server.SendResponse(real.StatusCode, builder.ToArray());
        }
        else
        {
            Respond(server, best.StatusCode, best.Reason);
        }
        if (context.IsInvite && server.Request.To.Tag is null) calls.Failed(server.Request, best.StatusCode, best.Reason);
    }

    public void OnProvisional(ResponseContext context, SipResponse response)
    {
        if (context.IsInvite && response.To.Tag is not null && response.StatusCode > 100 && context.Server.Request.To.Tag is null)
            calls.Early(context.Server.Request);
    }

    public void OnAnswered(ResponseContext context, SipResponse response)
    {
        var request = context.Server.Request;
        if (context.IsInvite && request.To.Tag is null) calls.Confirmed(request, response.StatusCode);
        else if (request.Method == SipMethod.Bye) calls.Ended(request);
    }

    private void StartTimerC(ResponseContext context, ProxyBranch branch)
    {
        if (!context.IsInvite) return;
        branch.TimerC = time.CreateTimer(static s =>
        {
            var (ctx, b) = ((ResponseContext, ProxyBranch))s!;
            ctx.OnTimerC(b);
        }, (context, branch), settings.TimerC, Timeout.InfiniteTimeSpan);
    }

    public void RestartTimerC(ResponseContext context, ProxyBranch branch)
    {
        if (context.IsInvite) branch.TimerC?.Change(settings.TimerC, Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// §16.11 for an ACK to a 2xx (it has no transaction): route it like any request and send it on at once, with a
    /// branch derived from the received one so that retransmitted ACKs get the same branch.
    /// </summary>
    public async Task ForwardStatelessAsync(InboundMessage message)
    {
        var request = (SipRequest)message.Message;
        if (request.MaxForwards == 0 || LoopDetection.IsLoop(request, identity)) return;
        var route = RouteInfo.From(request, identity, flows);
        var routes = route.Routes.ToList();
        var target = new ProxyTarget(route.RequestUri, null);
        var builder = request.ToBuilder().WithRequestUri(route.RequestUri);
        builder.MaxForwards(request.MaxForwards is { } mf ? mf - 1 : 70);
        if (route.RoutesChanged)
        {
            builder.RemoveHeaders(HeaderKind.Route);
            foreach (var r in routes) builder.AddHeader(HeaderKind.Route, r.ToString());
        }
        if (routes.Count == 0 && route.Flow is null && identity.IsOurDomain(route.RequestUri.Host) && route.RequestUri.User is not null)
        {
            // An ACK to an address-of-record: send it where the INVITE went, the first binding.
            var registrar = grains.ByKey<IRegistrarGrain>(route.RequestUri.AddressOfRecord);
            var lookup = await GrainCalls.RetryAsync(registrar.Lookup, time);
            if (lookup.Bindings.Length == 0) return;
            target = new ProxyTarget(SipUri.Parse(lookup.Bindings[0].Uri), lookup.Bindings[0]);
            builder.WithRequestUri(target.RequestUri);
        }
        if (await NextHopAsync(target, routes, route.Flow) is not { } destination) return;
        var branchId = Via.MagicCookie + "s" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(request.TopVia.Branch + "|" + request.CallId + "|" + request.CSeq))).AsSpan(0, 16).ToString();
        await transport.SendRequestAsync(destination, WithVia(builder, destination.Transport, branchId));
    }

    private static void Respond(ServerTransaction tx, int status, string reason) =>
        tx.SendResponse(tx.CreateResponse(status, reason).WithToTag(Tags.New()));

    [LoggerMessage(Level = LogLevel.Information, Message = "No route to {Target}")]
    private static partial void LogNoRoute(ILogger logger, SipUri target);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not forward a request: {Reason}")]
    private static partial void LogUnforwardable(ILogger logger, string? reason);

    /// <summary>CANCEL client transactions need no user: their responses only end them.</summary>
    private sealed class CancelUser : IClientTransactionUser
    {
        public static readonly CancelUser Instance = new();

        public void OnResponse(ClientTransaction transaction, InboundMessage response)
        {
        }

        public void OnTimeout(ClientTransaction transaction)
        {
        }

        public void OnTransportError(ClientTransaction transaction, string reason)
        {
        }

        public void OnTerminated(ClientTransaction transaction)
        {
        }
    }
}
