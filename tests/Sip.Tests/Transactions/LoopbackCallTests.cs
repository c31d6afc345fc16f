using System.Net;
using Cinema.Sip.Messages;
using Cinema.Sip.Transactions;
using Cinema.Sip.Transport;
using Microsoft.Extensions.Time.Testing;

namespace Cinema.Sip.Tests.Transactions;

/// <summary>
/// Two transaction layers talking through loop transports on one fake clock, over a network that loses chosen
/// messages: retransmissions on both sides recover every loss, and both tables drain.
/// </summary>
public sealed class LoopbackCallTests : IDisposable
{
    private static readonly SipEndPoint UacAddress = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Parse("192.0.2.1"), 5060));
    private static readonly SipEndPoint UasAddress = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Parse("192.0.2.2"), 5060));

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly LoopTransport _uacWire;
    private readonly LoopTransport _uasWire;
    private readonly RecordingUser _uac = new();
    private readonly RecordingUser _uas = new();
    private readonly TransactionLayer _uacLayer;
    private readonly TransactionLayer _uasLayer;

    public LoopbackCallTests()
    {
        _uacWire = new LoopTransport(_time) { Self = UacAddress };
        _uasWire = new LoopTransport(_time) { Self = UasAddress };
        _uacLayer = new TransactionLayer(_uacWire, _uac, timeProvider: _time);
        _uasLayer = new TransactionLayer(_uasWire, _uas, timeProvider: _time);
        _uacWire.Peer = _uasLayer.Receive;
        _uasWire.Peer = _uacLayer.Receive;
    }

    public void Dispose()
    {
        _uacLayer.Dispose();
        _uasLayer.Dispose();
    }

    [Fact]
    public void Rejected_invite_survives_losing_the_first_invite_final_response_and_ack()
    {
        _uacWire.LoseWhen = FirstOf("INVITE", "ACK");
        _uasWire.LoseWhen = FirstOf("486");
        _uas.WhenRequest = tx =>
        {
            tx.SendResponse(tx.CreateResponse(180).WithToTag("uas"));
            tx.SendResponse(tx.CreateResponse(486).WithToTag("uas"));
        };
        var invite = TestMessages.Invite(ViaBranch.New());

        var client = _uacLayer.StartClientTransaction(UasAddress, invite, _uac);
        Advance(1_000);
        Assert.Equal(TransactionState.Completed, client.State);
        Advance(64_000);

        Assert.Equal(["response 180", "response 486", "terminated"], _uac.LabelsFor(client));
        Assert.Equal(["request INVITE", "terminated"], _uas.Labels);
        // INVITE lost, resent at 500 ms; 486 lost, resent by Timer G; first ACK lost, resent on the 486 retransmission.
        Assert.Equal(["INVITE", "INVITE", "ACK", "ACK"], _uacWire.Sent.Select(s => s.Label));
        Assert.Equal(["180", "486", "486", "486"], _uasWire.Sent.Select(s => s.Label));
        Assert.Equal(0, _uacLayer.Count);
        Assert.Equal(0, _uasLayer.Count);
    }

    [Fact]
    public void Accepted_invite_is_acked_end_to_end_by_the_TUs_and_2xx_retransmissions_reach_the_uac_TU()
    {
        // The UAS core keeps its 2xx to retransmit it (§13.3.1.4): over UDP the transaction lets go of the INVITE once
        // the 2xx is sent, so the response cannot be made from it again.
        byte[]? ok = null;
        _uas.WhenRequest = tx =>
        {
            ok = tx.CreateResponse(200).WithToTag("uas").ToArray();
            tx.SendResponse(200, ok);
        };
        _uac.WhenResponse = (tx, response) =>
        {
            // The UAC core ACKs every 2xx itself, outside any transaction (§13.2.2.4).
            if (!response.IsSuccess) return;
            var sent = _uacWire.SendRequestAsync(UasAddress, TestMessages.Request("ACK", ViaBranch.New(), toTag: response.To.Tag).Buffer);
            Assert.True(sent.IsCompletedSuccessfully);
        };
        var invite = TestMessages.Invite(ViaBranch.New());

        var client = _uacLayer.StartClientTransaction(UasAddress, invite, _uac);
        var server = (ServerInviteTransaction)_uas.Of("request").Single().Transaction!;
        server.SendResponse(200, ok); // the UAS core's own 2xx retransmission
        Advance(64_000);

        Assert.Equal(["response 200", "response 200", "terminated"], _uac.LabelsFor(client));
        Assert.Equal(["request INVITE", "stray-ack", "stray-ack", "terminated"], _uas.Labels);
        Assert.Equal(0, _uacLayer.Count + _uasLayer.Count);
    }

    [Fact]
    public void Non_invite_survives_losing_two_requests_and_the_first_response()
    {
        var lostRequests = 0;
        _uacWire.LoseWhen = _ => Interlocked.Increment(ref lostRequests) <= 2;
        _uasWire.LoseWhen = FirstOf("200");
        _uas.WhenRequest = tx => tx.SendResponse(tx.CreateResponse(200).WithToTag("uas"));
        var request = TestMessages.Request("MESSAGE", ViaBranch.New());

        var client = _uacLayer.StartClientTransaction(UasAddress, request, _uac);
        Advance(64_000);

        Assert.Equal(["response 200", "terminated"], _uac.LabelsFor(client));
        Assert.Equal(["request MESSAGE", "terminated"], _uas.Labels);
        // Sent at 0 and 500 (lost), 1500 (answered, answer lost), 3500 (answer re-sent from Completed).
        Assert.Equal([0, 500, 1500, 3500], _uacWire.Sent.Select(s => s.At.TotalMilliseconds));
        Assert.Equal(0, _uacLayer.Count + _uasLayer.Count);
    }

    private static Func<SentMessage, bool> FirstOf(params string[] labels)
    {
        var seen = new HashSet<string>();
        return sent =>
        {
            lock (seen) return labels.Contains(sent.Label) && seen.Add(sent.Label);
        };
    }

    private void Advance(int milliseconds)
    {
        for (var i = 0; i < milliseconds; i++) _time.Advance(TimeSpan.FromMilliseconds(1));
    }
}
