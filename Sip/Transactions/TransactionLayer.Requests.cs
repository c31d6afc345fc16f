using Cinema.Sip.Messages;
using Cinema.Sip.Transport;

namespace Cinema.Sip.Transactions;

/// <summary>Matching requests to server transactions (RFC 3261 §17.2.3, §9.2).</summary>
public sealed partial class TransactionLayer
{
    private void ReceiveRequest(InboundMessage message, SipRequest request)
    {
        // RFC 4475 §3.2.1: a branch of only the magic cookie is not an RFC 3261 branch; such requests match the old way.
        var via = request.TopVia;
        if (via.HasRfc3261Branch) ReceiveByBranch(message, request, via);
        else ReceiveByLegacyFields(message, request);
    }

    private void ReceiveByBranch(InboundMessage message, SipRequest request, Via via)
    {
        var isAck = string.Equals(request.Method, SipMethod.Ack, StringComparison.Ordinal);
        // §17.2.3: branch, sent-by and method; an ACK looks for the INVITE it acknowledges.
        var key = ServerTransactionKey.For(via, isAck ? SipMethod.Invite : request.Method);
        while (true)
        {
            if (_serversByKey.TryGetValue(key, out var existing))
            {
                if (isAck)
                {
                    if (existing is ServerInviteTransaction invite && invite.ReceiveAck(message)) return;
                    break;
                }
                if (existing.Receive(message)) return;
                // It terminated after the look-up: the request is new (§17.2.3 finds no transaction).
                _servers.TryRemove(new(existing, existing));
                continue;
            }
            if (isAck) break;

            key = ShareSentByHost(key);
            ServerTransaction created = request.Method switch
            {
                SipMethod.Invite => new ServerInviteTransaction(this, message) { BranchKey = key },
                SipMethod.Cancel => new ServerNonInviteTransaction(this, message) { BranchKey = key, CancelTarget = CancelTarget(key) },
                _ => new ServerNonInviteTransaction(this, message) { BranchKey = key },
            };
            // A retransmission on another thread may have won the race; then this one is its retransmission.
            if (!_servers.TryAdd(created, created)) continue;
            created.Start();
            return;
        }
        StrayAck(message);
    }

    /// <summary>
    /// A new transaction keeps its key for up to 32 s after its answer (Timer J, L), when the request it came from is
    /// gone: its sent-by host string is shared with the transaction before it when they are equal, since most requests
    /// come from a few peers (a proxy, a gateway, a phone). About 40 bytes less per waiting transaction.
    /// </summary>
    private ServerTransactionKey ShareSentByHost(ServerTransactionKey key)
    {
        var last = Volatile.Read(ref _lastSentByHost);
        if (last is not null && string.Equals(last, key.Host, StringComparison.Ordinal)) return key.WithHost(last);
        Volatile.Write(ref _lastSentByHost, key.Host);
        return key;
    }

    /// <summary>§9.2: the INVITE server transaction a CANCEL cancels: same branch and sent-by, method INVITE.</summary>
    private ServerInviteTransaction? CancelTarget(ServerTransactionKey cancelKey) =>
        _serversByKey.TryGetValue(cancelKey.WithMethod(SipMethod.Invite), out var target) && target is ServerInviteTransaction invite
            && invite.State != TransactionState.Terminated
            ? invite
            : null;

    /// <summary>
    /// §17.2.3, second half: a request from an RFC 2543 element matches by Request-URI, From tag, Call-ID, CSeq and
    /// top Via, then by the To tag (of the request for INVITE, CANCEL and others; of the final response for ACK).
    /// </summary>
    private void ReceiveByLegacyFields(InboundMessage message, SipRequest request)
    {
        var isAck = string.Equals(request.Method, SipMethod.Ack, StringComparison.Ordinal);
        var key = LegacyTransactionKey.For(request, isAck ? SipMethod.Invite : request.Method);
        var toTag = request.To.Tag;
        while (true)
        {
            if (_legacyServers.TryGetValue(key, out var existing))
            {
                if (isAck)
                {
                    if (existing is ServerInviteTransaction invite && invite.IsAckedBy(toTag) && invite.ReceiveAck(message)) return;
                    break;
                }
                if (!SameTag(existing.Request.To.Tag, toTag))
                {
                    TransactionLog.RequestDropped(Logger, request.Method, message.Source, "RFC 2543 request matches a transaction but for its To tag");
                    return;
                }
                if (existing.Receive(message)) return;
                _legacyServers.TryRemove(new(key, existing));
                continue;
            }
            if (isAck) break;

            ServerTransaction created = request.Method switch
            {
                SipMethod.Invite => new ServerInviteTransaction(this, message) { LegacyKey = key },
                SipMethod.Cancel => new ServerNonInviteTransaction(this, message) { LegacyKey = key, CancelTarget = LegacyCancelTarget(key, toTag) },
                _ => new ServerNonInviteTransaction(this, message) { LegacyKey = key },
            };
            if (!_legacyServers.TryAdd(key, created)) continue;
            created.Start();
            return;
        }
        StrayAck(message);
    }

    /// <summary>§9.2 with §17.2.3 matching except the method: the INVITE with the same fields and To tag.</summary>
    private ServerInviteTransaction? LegacyCancelTarget(LegacyTransactionKey cancelKey, string? toTag) =>
        _legacyServers.TryGetValue(cancelKey with { Method = SipMethod.Invite }, out var target) && target is ServerInviteTransaction invite
            && invite.State != TransactionState.Terminated && SameTag(invite.Request.To.Tag, toTag)
            ? invite
            : null;

    private static bool SameTag(string? a, string? b) => string.Equals(a ?? "", b ?? "", StringComparison.Ordinal);

    /// <summary>An ACK that matched nothing: the ACK of a 2xx (§17.1.1.3, §13.3.1.4), for the TU's dialog or a proxy to forward.</summary>
    private void StrayAck(InboundMessage ack)
    {
        try
        {
            User.OnAck(ack, null);
        }
        catch (Exception ex)
        {
            TransactionLog.StrayCallbackFailed(Logger, ack.Source, ex);
        }
    }
}
