using System.Globalization;
using System.Text;
using Cinema.Edge.Configuration;
using Cinema.Grains;
using Cinema.Sip.Messages;
using Cinema.Sip.Transactions;
using Cinema.Sip.Transport;

namespace Cinema.Edge.Sip;

/// <summary>
/// Turns a REGISTER into a typed call on the registrar grain of its address-of-record and the grain's answer into
/// the response (RFC 3261 §10.3): 200 with every current binding and its remaining expiry, 423 with Min-Expires,
/// 500 for an out-of-order refresh, 400 for a bad wildcard or contact.
/// </summary>
internal sealed class RegistrarFront(IGrainFactory grains, LocalIdentity identity, FlowTokens flows, EdgeSettings settings, TimeProvider time)
{
    public async Task HandleAsync(ServerTransaction tx)
    {
        var request = tx.Request;
        var aorUri = request.To.Uri;
        // §10.3 steps 1 and 3: the address-of-record must be in a domain served here.
        if (!identity.IsOurDomain(aorUri.Host))
        {
            tx.SendResponse(tx.CreateResponse(404, "Not a domain served here").WithToTag(Tags.New()));
            return;
        }
        if (request.IsWildcardContact && ContactValueCount(request) > 1)
        {
            tx.SendResponse(tx.CreateResponse(400, "Contact * must be the only Contact").WithToTag(Tags.New()));
            return;
        }

        var registration = ToRegisterRequest(request, tx);
        var registrar = grains.ByKey<IRegistrarGrain>(aorUri.AddressOfRecord);
        var result = await GrainCalls.RetryAsync(() => registrar.Register(registration), time);
        tx.SendResponse(ToResponse(tx, result));
    }

    private RegisterRequest ToRegisterRequest(SipRequest request, ServerTransaction tx)
    {
        var contacts = new ContactRequest[request.Contacts.Count];
        for (var i = 0; i < contacts.Length; i++)
        {
            var c = request.Contacts[i];
            contacts[i] = new ContactRequest(c.Uri.ToString(), c.Expires, c.Q, c.InstanceId, c.RegId, OtherParameters(c));
        }
        var flow = tx.Message.Source;
        // Our own Path on top (RFC 3327 §5.1), naming the flow, so calls to this phone come back through us.
        var behindNat = request.Contacts.Any(c => NatDetection.NeedsFlow(c.Uri, c.RegId, flow.Address.Address));
        var path = LocalIdentity.AddsPath(settings.Path, flow.Transport, behindNat)
            ? [identity.PathFor(flow, flows.Create(flow)), .. request.Paths.Select(p => p.ToString())]
            : request.Paths.Select(p => p.ToString()).ToArray();
        var source = new BindingSource(
            flow.Transport.ViaName().ToLowerInvariant(),
            LocalIdentity.Format(flow.Address),
            settings.GatewayId,
            tx.Message.ConnectionId);
        return new RegisterRequest(request.CallId, request.CSeq.Number, contacts, request.IsWildcardContact, request.Expires, path, source);
    }

    private SipResponseBuilder ToResponse(ServerTransaction tx, RegisterResult result)
    {
        var response = result.Status switch
        {
            RegisterStatus.Ok => tx.CreateResponse(200),
            RegisterStatus.IntervalTooBrief => tx.CreateResponse(423, "Interval Too Brief")
                .AddHeader(HeaderKind.MinExpires, result.MinExpires!.Value.ToString(CultureInfo.InvariantCulture)),
            RegisterStatus.OutOfOrder => tx.CreateResponse(500, "Out of order REGISTER").AddHeader(HeaderKind.RetryAfter, "1"),
            RegisterStatus.TooManyBindings => tx.CreateResponse(403, result.Reason),
            _ => tx.CreateResponse(400, result.Reason),
        };
        response.WithToTag(Tags.New());
        if (result.Status != RegisterStatus.Ok) return response;

        var now = time.GetUtcNow();
        foreach (var b in result.Bindings)
        {
            var value = new StringBuilder("<").Append(b.Uri).Append(">;expires=").Append(b.RemainingSeconds(now).ToString(CultureInfo.InvariantCulture));
            if (b.Q is { } q) value.Append(";q=").Append(q.ToString("0.###", CultureInfo.InvariantCulture));
            if (b.InstanceId is { } instance) value.Append(";+sip.instance=\"").Append(instance).Append('"');
            if (b.RegId is { } regId) value.Append(";reg-id=").Append(regId.ToString(CultureInfo.InvariantCulture));
            value.Append(b.Parameters);
            response.AddHeader(HeaderKind.Contact, value.ToString());
        }
        // RFC 3327 §5.3: echo the stored Path of the registration just made.
        foreach (var p in tx.Request.Paths) response.AddHeader(HeaderKind.Path, p.ToString());
        response.AddHeader(HeaderKind.Supported, "path, outbound");
        response.AddHeader(HeaderKind.Date, now.ToString("r", CultureInfo.InvariantCulture));
        return response;
    }

    /// <summary>Header parameters of a Contact other than the ones the registrar keeps as fields.</summary>
    private static string OtherParameters(NameAddress contact)
    {
        var sb = new StringBuilder();
        foreach (var p in contact.Parameters)
        {
            if (p.Name.Equals("expires", StringComparison.OrdinalIgnoreCase) || p.Name.Equals("q", StringComparison.OrdinalIgnoreCase)
                || p.Name.Equals("+sip.instance", StringComparison.OrdinalIgnoreCase) || p.Name.Equals("reg-id", StringComparison.OrdinalIgnoreCase))
                continue;
            sb.Append(';').Append(p.ToString());
        }
        return sb.ToString();
    }

    private static int ContactValueCount(SipRequest request) =>
        request.Headers.Where(h => h.Kind == HeaderKind.Contact).Sum(h => h.Value.Split(',').Length);
}
