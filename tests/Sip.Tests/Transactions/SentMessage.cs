using Cinema.Sip.Messages;
using Cinema.Sip.Transport;

namespace Cinema.Sip.Tests.Transactions;

/// <summary>One message handed to the <see cref="LoopTransport"/>: a request to a destination or a response to a request.</summary>
internal sealed record SentMessage(TimeSpan At, SipEndPoint? Destination, InboundMessage? InReplyTo, SipMessage Message)
{
    public SipRequest Request => (SipRequest)Message;

    public SipResponse Response => (SipResponse)Message;

    public bool IsRequest => Message.IsRequest;

    /// <summary>"INVITE", "ACK", "100", "487": enough to compare a sequence of sends at a glance.</summary>
    public string Label => Message is SipRequest r ? r.Method : ((SipResponse)Message).StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public override string ToString() => $"{At.TotalMilliseconds}ms {Label}";
}
