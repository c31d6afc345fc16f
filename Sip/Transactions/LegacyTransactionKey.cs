using Cinema.Sip.Messages;

namespace Cinema.Sip.Transactions;

/// <summary>
/// Matches a request without an RFC 3261 branch (RFC 2543 peers, and the bare "z9hG4bK" of RFC 4475 §3.2.1) by
/// the fields §17.2.3 lists: Request-URI (compared as §19.1.4 says), From tag, Call-ID, CSeq number, method (ACK
/// and CANCEL looked up under INVITE) and the top Via. The To tag is left out of the key and checked after the
/// look-up, because an ACK carries the tag of the response, not of the request. A class: only such transactions
/// pay for it, not every server transaction inline.
/// </summary>
internal sealed record LegacyTransactionKey(SipUri RequestUri, string? FromTag, string CallId, uint CSeqNumber, string Method, string TopVia)
{
    public static LegacyTransactionKey For(SipRequest request, string method) =>
        new(request.RequestUri, request.From.Tag, request.CallId, request.CSeq.Number, method, request.TopVia.ToString());
}
