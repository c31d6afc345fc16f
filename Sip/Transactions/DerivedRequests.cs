using Cinema.Sip.Messages;

namespace Cinema.Sip.Transactions;

/// <summary>The requests a client INVITE transaction derives from its INVITE: the ACK of a non-2xx and the CANCEL.</summary>
internal static class DerivedRequests
{
    /// <summary>
    /// RFC 3261 §17.1.1.3: Request-URI, Call-ID, From and the CSeq number of the INVITE, method ACK; To from the
    /// response (it carries the tag); one Via, the INVITE's top Via (same branch, so it matches the server
    /// transaction); the INVITE's Route headers. Max-Forwards is copied as in the example there. No body.
    /// </summary>
    public static byte[] AckForNonSuccess(SipRequest invite, SipResponse response)
    {
        var ack = new SipRequestBuilder(SipMethod.Ack, invite.RequestUri)
            .AddHeader(HeaderKind.Via, invite.TopVia.ToString());
        CopyRoutesAndMaxForwards(invite, ack);
        ack.AddHeader(HeaderKind.From, invite.GetHeader(HeaderNames.From)!)
            .AddHeader(HeaderKind.To, response.GetHeader(HeaderNames.To)!)
            .AddHeader(HeaderKind.CallId, invite.CallId)
            .CSeq(invite.CSeq.Number, SipMethod.Ack);
        return ack.ToArray();
    }

    /// <summary>
    /// RFC 3261 §9.1: Request-URI, Call-ID, To, From and the CSeq number of the request, method CANCEL; one Via,
    /// the request's top Via (same branch); the request's Route headers.
    /// </summary>
    public static SipRequest Cancel(SipRequest invite)
    {
        var cancel = new SipRequestBuilder(SipMethod.Cancel, invite.RequestUri)
            .AddHeader(HeaderKind.Via, invite.TopVia.ToString());
        CopyRoutesAndMaxForwards(invite, cancel);
        cancel.AddHeader(HeaderKind.From, invite.GetHeader(HeaderNames.From)!)
            .AddHeader(HeaderKind.To, invite.GetHeader(HeaderNames.To)!)
            .AddHeader(HeaderKind.CallId, invite.CallId)
            .CSeq(invite.CSeq.Number, SipMethod.Cancel);
        return cancel.Build();
    }

    private static void CopyRoutesAndMaxForwards(SipRequest invite, SipRequestBuilder to)
    {
        foreach (var header in invite.Headers)
        {
            if (header.Kind == HeaderKind.Route) to.AddHeader(HeaderKind.Route, header.Value);
        }
        if (invite.MaxForwards is { } hops) to.MaxForwards(hops);
    }
}
