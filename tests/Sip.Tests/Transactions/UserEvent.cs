using Cinema.Sip.Transactions;
using Cinema.Sip.Transport;

namespace Cinema.Sip.Tests.Transactions;

/// <summary>One call the transaction layer made on the TU.</summary>
internal sealed record UserEvent(string Kind, Transaction? Transaction, InboundMessage? Message, string? Detail, Transaction? Related = null)
{
    /// <summary>"request INVITE", "response 180", "timeout", "ack", "stray-ack", "cancel", "transport-error", "terminated".</summary>
    public string Label => Detail is null ? Kind : Kind + " " + Detail;

    public override string ToString() => Label;
}
