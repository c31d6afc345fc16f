using System.Globalization;
using Cinema.Sip.Messages;
using Cinema.Sip.Transactions;
using Cinema.Sip.Transport;

namespace Cinema.Sip.Tests.Transactions;

/// <summary>
/// A TU for both sides that records every call, in order, and can act on requests and responses through hooks
/// (a UAS answering, a proxy forwarding). Thread-safe.
/// </summary>
internal sealed class RecordingUser : ITransactionUser, IClientTransactionUser
{
    private readonly Lock _gate = new();
    private readonly List<UserEvent> _events = [];

    public Action<ServerTransaction>? WhenRequest { get; set; }

    public Action<ServerNonInviteTransaction, ServerInviteTransaction?>? WhenCancel { get; set; }

    public Action<ClientTransaction, SipResponse>? WhenResponse { get; set; }

    /// <summary>Makes every callback throw after recording, to show a failing TU does not break the layer.</summary>
    public bool Throw { get; set; }

    public IReadOnlyList<UserEvent> Events
    {
        get
        {
            lock (_gate) return [.. _events];
        }
    }

    public IReadOnlyList<string> Labels => [.. Events.Select(e => e.Label)];

    public IReadOnlyList<UserEvent> Of(string kind) => [.. Events.Where(e => e.Kind == kind)];

    public IReadOnlyList<UserEvent> For(Transaction transaction) => [.. Events.Where(e => ReferenceEquals(e.Transaction, transaction))];

    public IReadOnlyList<string> LabelsFor(Transaction transaction) => [.. For(transaction).Select(e => e.Label)];

    public void Clear()
    {
        lock (_gate) _events.Clear();
    }

    public void OnRequest(ServerTransaction transaction)
    {
        Add(new UserEvent("request", transaction, transaction.Message, transaction.Method));
        WhenRequest?.Invoke(transaction);
        ThrowIfAsked();
    }

    public void OnCancel(ServerNonInviteTransaction cancel, ServerInviteTransaction? invite)
    {
        Add(new UserEvent("cancel", cancel, cancel.Message, invite is null ? "unmatched" : "matched", invite));
        WhenCancel?.Invoke(cancel, invite);
        ThrowIfAsked();
    }

    public void OnAck(InboundMessage ack, ServerInviteTransaction? transaction)
    {
        Add(new UserEvent(transaction is null ? "stray-ack" : "ack", transaction, ack, null));
        ThrowIfAsked();
    }

    public void OnStrayResponse(InboundMessage response)
    {
        Add(new UserEvent("stray-response", null, response, Status(response)));
        ThrowIfAsked();
    }

    public void OnTimeout(ServerInviteTransaction transaction) => Record("timeout", transaction);

    public void OnTransportError(ServerTransaction transaction, string reason) => Record("transport-error", transaction, reason);

    public void OnTerminated(ServerTransaction transaction) => Record("terminated", transaction);

    public void OnResponse(ClientTransaction transaction, InboundMessage response)
    {
        Add(new UserEvent("response", transaction, response, Status(response)));
        WhenResponse?.Invoke(transaction, (SipResponse)response.Message);
        ThrowIfAsked();
    }

    public void OnTimeout(ClientTransaction transaction) => Record("timeout", transaction);

    public void OnTransportError(ClientTransaction transaction, string reason) => Record("transport-error", transaction, reason);

    public void OnTerminated(ClientTransaction transaction) => Record("terminated", transaction);

    private void Record(string kind, Transaction transaction, string? detail = null)
    {
        Add(new UserEvent(kind, transaction, null, detail));
        ThrowIfAsked();
    }

    private void Add(UserEvent e)
    {
        lock (_gate) _events.Add(e);
    }

    private void ThrowIfAsked()
    {
        if (Throw) throw new InvalidOperationException("TU failure on purpose");
    }

    private static string Status(InboundMessage m) => ((SipResponse)m.Message).StatusCode.ToString(CultureInfo.InvariantCulture);
}
