using System.Net;
using Cinema.Edge.Auth;
using Cinema.Edge.Proxy;
using Cinema.Sip.Messages;
using Cinema.Sip.Transactions;
using Cinema.Sip.Transport;
using Cinema.Sip.Validation;
using Microsoft.Extensions.Logging;

namespace Cinema.Edge.Sip;

/// <summary>
/// The transaction user of the edge: decides for each new request whether this server answers it (OPTIONS to
/// itself), registers it (REGISTER for a served domain), or proxies it; and handles CANCEL, ACK and stray
/// responses. Work that calls grains runs asynchronously; an exception there becomes a 500, never a crash.
/// </summary>
internal sealed partial class SipCore(
    ProxyCore proxy,
    RegistrarFront registrar,
    LocalIdentity identity,
    RequestValidator validator,
    AuthGate? auth,
    ISipTransport transport,
    int maxPending,
    ILogger<SipCore> logger) : ITransactionUser
{
    private int _pending;
    private long _shedSinceLog;

    public static readonly string[] AllowedMethods =
        [SipMethod.Invite, SipMethod.Ack, SipMethod.Bye, SipMethod.Cancel, SipMethod.Options, SipMethod.Register,
         SipMethod.Message, SipMethod.Subscribe, SipMethod.Notify, SipMethod.Refer, SipMethod.Info, SipMethod.Update, SipMethod.Prack];

    public static readonly string[] Extensions = ["path", "outbound"];

    public void OnRequest(ServerTransaction transaction)
    {
        // Overload: new work is refused while too much is under way; requests within a dialog (a BYE frees what
        // a call holds) always get through. Retransmissions never come here: their transaction absorbs them.
        if (maxPending > 0 && transaction.Request.To.Tag is null && Volatile.Read(ref _pending) >= maxPending)
        {
            if (Interlocked.Increment(ref _shedSinceLog) == 1) LogOverloaded(logger, maxPending);
            transaction.SendResponse(transaction.CreateResponse(503, "Server overloaded").WithToTag(Tags.New()).AddHeader(HeaderKind.RetryAfter, "1"));
            return;
        }
        if (Volatile.Read(ref _shedSinceLog) > 0 && Interlocked.Exchange(ref _shedSinceLog, 0) is var shed and > 0) LogRecovered(logger, shed);
        _ = HandleAsync(transaction);
    }

    private async Task HandleAsync(ServerTransaction tx)
    {
        var request = tx.Request;
        LogRequest(logger, request.Method, request.RequestUri, tx.Message.Source, request.CallId);
        Interlocked.Increment(ref _pending);
        try
        {
            var local = IsForUs(request);
            var role = request.Method == SipMethod.Register && local ? ValidationRole.Registrar
                : local ? ValidationRole.UserAgentServer : ValidationRole.Proxy;
            if (validator.Validate(request, role) is { } rejection)
            {
                var response = tx.CreateResponse(rejection.StatusCode, rejection.Reason).WithToTag(Tags.New());
                foreach (var h in rejection.Headers) response.AddHeader(h.Key, h.Value);
                tx.SendResponse(response);
                return;
            }
            if (auth is not null && !await AdmitAsync(tx, role)) return;
            switch (role)
            {
                case ValidationRole.Registrar:
                    await registrar.HandleAsync(tx);
                    break;
                case ValidationRole.UserAgentServer:
                    AnswerLocally(tx);
                    break;
                default:
                    await proxy.HandleAsync(tx);
                    break;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogFailed(logger, e, request.Method, request.CallId);
            // Unless a final response already went (then a UDP non-INVITE transaction no longer holds the request).
            if (tx.State is TransactionState.Trying or TransactionState.Proceeding)
                tx.SendResponse(tx.CreateResponse(500, "Server Internal Error").WithToTag(Tags.New()).AddHeader(HeaderKind.RetryAfter, "5"));
        }
        finally
        {
            Interlocked.Decrement(ref _pending);
        }
    }

    /// <summary>
    /// Who must prove who they are: a REGISTER as its To; a new request from one of our domains as its From. A
    /// request within a dialog routed through us (our Record-Route on top) passes, as does a request from outside
    /// to one of our users; anything else would make us an open relay (403). ACK and CANCEL cannot be challenged
    /// (RFC 3261 §22.1).
    /// </summary>
    private async Task<bool> AdmitAsync(ServerTransaction tx, ValidationRole role)
    {
        var request = tx.Request;
        if (role == ValidationRole.Registrar) return await auth!.AuthorizeAsync(tx, registrar: true, request.To.Uri);
        if (role != ValidationRole.Proxy) return true;
        if (request.To.Tag is not null && request.Routes.Count > 0 && identity.IsUs(request.Routes[0].Uri)) return true;
        if (request.From.Uri.IsSip && identity.IsOurDomain(request.From.Uri.Host)) return await auth!.AuthorizeAsync(tx, registrar: false, request.From.Uri);
        if (request.RequestUri.IsSip && identity.IsOurDomain(request.RequestUri.Host)) return true;
        tx.SendResponse(tx.CreateResponse(403, "Relaying denied").WithToTag(Tags.New()));
        return false;
    }

    /// <summary>
    /// Requests this server answers itself: REGISTER for a served domain, and anything addressed to the server
    /// (no user part, our address or domain) with no further Route.
    /// </summary>
    private bool IsForUs(SipRequest request)
    {
        var uri = request.RequestUri;
        if (request.Method == SipMethod.Register) return uri.IsSip && (identity.IsOurDomain(uri.Host) || identity.IsUs(uri));
        if (uri.User is not null || !identity.IsUs(uri)) return false;
        foreach (var route in request.Routes)
        {
            if (!identity.IsUs(route.Uri)) return false;
        }
        return true;
    }

    /// <summary>The server as a UAS: OPTIONS says what it can do (RFC 3261 §11.2); other methods are not served here.</summary>
    private static void AnswerLocally(ServerTransaction tx)
    {
        if (tx.Request.Method == SipMethod.Options)
        {
            tx.SendResponse(tx.CreateResponse(200).WithToTag(Tags.New())
                .AddHeader(HeaderKind.Allow, string.Join(", ", AllowedMethods))
                .AddHeader(HeaderKind.Accept, "application/sdp")
                .AddHeader(HeaderKind.Supported, string.Join(", ", Extensions)));
            return;
        }
        tx.SendResponse(tx.CreateResponse(404, "No user addressed").WithToTag(Tags.New()));
    }

    public void OnCancel(ServerNonInviteTransaction cancel, ServerInviteTransaction? invite)
    {
        // §9.2 / §16.10: a CANCEL that matches nothing gets 481; otherwise 200 at once, then the INVITE is cancelled.
        if (invite is null)
        {
            cancel.SendResponse(cancel.CreateResponse(481, "Call/Transaction Does Not Exist").WithToTag(Tags.New()));
            return;
        }
        cancel.SendResponse(cancel.CreateResponse(200).WithToTag(Tags.New()));
        if (invite.UserState is ResponseContext context) context.Cancel();
        else if (invite.State == TransactionState.Proceeding) invite.SendResponse(invite.CreateResponse(487, "Request Terminated").WithToTag(Tags.New()));
    }

    public void OnAck(InboundMessage ack, ServerInviteTransaction? transaction)
    {
        // An ACK for a 2xx belongs to the dialog, not to us: a proxy sends it on (§16.11).
        if (ack.Request is { } request && !IsForUs(request)) _ = ForwardAckAsync(ack);
    }

    private async Task ForwardAckAsync(InboundMessage ack)
    {
        try
        {
            await proxy.ForwardStatelessAsync(ack);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogFailed(logger, e, SipMethod.Ack, ack.Message.CallId);
        }
    }

    /// <summary>
    /// A 2xx retransmission after the client transaction ended (RFC 6026): our Via on top is removed and the
    /// response goes to the next Via's received/rport or sent-by (RFC 3261 §16.7 step 1, §18.2.2).
    /// </summary>
    public void OnStrayResponse(InboundMessage response)
    {
        var message = (SipResponse)response.Message;
        if (message.Vias.Count < 2 || !identity.IsOurSentBy(message.TopVia)) return;
        var next = message.Vias[1];
        if (!SipTransportKindExtensions.TryParse(next.Transport, out var kind)) return;
        var host = next.Received ?? next.Host;
        if (!IPAddress.TryParse(host.Trim('[', ']'), out var address)) return;
        var port = next.RPort ?? next.Port ?? next.DefaultPort;
        _ = transport.SendRequestAsync(new SipEndPoint(kind, new IPEndPoint(address, port)), message.ToBuilder().RemoveFirstValue(HeaderKind.Via).ToArray()).AsTask();
    }

    public void OnTimeout(ServerInviteTransaction transaction) => LogNoAck(logger, transaction.Request.CallId);

    public void OnTransportError(ServerTransaction transaction, string reason) => LogTransportError(logger, transaction.Method, reason);

    public void OnTerminated(ServerTransaction transaction)
    {
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Uri} from {Source} Call-ID {CallId}")]
    private static partial void LogRequest(ILogger logger, string method, SipUri uri, SipEndPoint source, string callId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Overloaded: {Max} requests under way; new requests are answered 503 until fewer are")]
    private static partial void LogOverloaded(ILogger logger, int max);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Overload over: {Count} requests were answered 503")]
    private static partial void LogRecovered(ILogger logger, long count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling {Method} (Call-ID {CallId}) failed; answered 500")]
    private static partial void LogFailed(ILogger logger, Exception exception, string method, string callId);

    [LoggerMessage(Level = LogLevel.Information, Message = "No ACK came for the final response to INVITE {CallId}")]
    private static partial void LogNoAck(ILogger logger, string callId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send a response to {Method}: {Reason}")]
    private static partial void LogTransportError(ILogger logger, string method, string reason);
}
