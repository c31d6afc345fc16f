using Cinema.Sip.Messages;
using Cinema.Sip.Transactions;

namespace Cinema.Sip.Tests.Transactions;

/// <summary>Many transactions driven from several threads at once keep the table and every machine consistent.</summary>
public class ConcurrencyTests
{
    private const int Threads = 8;
    private const int PerThread = 150;

    [Fact]
    public void Client_transactions_started_and_answered_from_many_threads_each_end_exactly_once()
    {
        using var h = new TransactionHarness();
        var requests = new SipRequest[Threads * PerThread];

        RunOnThreads(t =>
        {
            for (var i = t * PerThread; i < (t + 1) * PerThread; i++)
            {
                requests[i] = i % 2 == 0 ? TestMessages.Invite(ViaBranch.New()) : TestMessages.Request("OPTIONS", ViaBranch.New());
                h.StartClient(requests[i]);
            }
        });
        Assert.Equal(requests.Length, h.Layer.Count);

        // Every response is delivered twice, by two threads racing each other: one copy is a retransmission.
        RunOnThreads(t =>
        {
            for (var k = 0; k < requests.Length; k++)
            {
                var i = (k + (t / 2 * 37)) % requests.Length;
                if (i % (Threads / 2) != t % (Threads / 2)) continue;
                h.Receive(TestMessages.Response(requests[i], 180));
                h.Receive(TestMessages.Response(requests[i], i % 4 == 0 ? 200 : 486));
            }
        });
        h.AdvanceMs(64_000);

        Assert.Equal(0, h.Layer.Count);
        var byTransaction = h.User.Events.GroupBy(e => e.Transaction!).ToList();
        Assert.Equal(requests.Length, byTransaction.Count);
        foreach (var story in byTransaction)
        {
            var labels = story.Select(e => e.Label).ToList();
            Assert.Equal("terminated", labels[^1]);
            Assert.Single(labels, l => l == "terminated");
            Assert.DoesNotContain("timeout", labels);
            var finals = labels.Count(l => l is "response 200" or "response 486");
            // A 2xx to INVITE and its retransmission both go up (RFC 6026 §7.2); any other final goes up once.
            if (labels.Contains("response 200") && story.Key is ClientInviteTransaction) Assert.Equal(2, finals);
            else Assert.Equal(1, finals);
            Assert.True(labels.IndexOf("response 180") is < 0 or 0, "a provisional after the final was passed up");
        }
        var acks = h.SentLabels.Count(l => l == "ACK");
        Assert.Equal(requests.Length / 4 * 2, acks); // each 486 to INVITE is ACKed, its retransmission too
    }

    [Fact]
    public void Requests_retransmitted_on_many_threads_at_once_reach_the_TU_once_each()
    {
        using var h = new TransactionHarness();
        h.User.WhenRequest = tx => tx.SendResponse(tx.CreateResponse(tx.Method == SipMethod.Invite ? 486 : 200).WithToTag("t"));
        var requests = Enumerable.Range(0, 600)
            .Select(i => i % 3 == 0 ? TestMessages.Invite(ViaBranch.New()) : TestMessages.Request("MESSAGE", ViaBranch.New()))
            .ToArray();

        // Each thread delivers every request: eight copies of each race for the same table entry.
        RunOnThreads(t =>
        {
            for (var k = 0; k < requests.Length; k++) h.Receive(requests[(k + (t * 71)) % requests.Length]);
        });

        Assert.Equal(requests.Length, h.User.Of("request").Count);
        Assert.Equal(requests.Length, h.User.Of("request").Select(e => e.Transaction).Distinct().Count());
        // Each request got its answer; each copy that arrived after it got it re-sent, and copies that came
        // before the TU answered were absorbed (§17.2.1, §17.2.2): never more responses than copies.
        var finals = h.Sent.GroupBy(s => s.Response.TopVia.Branch).ToList();
        Assert.Equal(requests.Length, finals.Count);
        Assert.All(finals, g => Assert.InRange(g.Count(), 1, Threads));
        Assert.All(h.Sent, s => Assert.True(s.Response.StatusCode is 200 or 486));
        foreach (var invite in requests.Where(r => r.Method == SipMethod.Invite))
            h.Receive(TestMessages.Request("ACK", invite.TopVia.Branch!, toTag: "t"));
        h.AdvanceMs(64_000);

        Assert.Equal(0, h.Layer.Count);
        Assert.Equal(requests.Length, h.User.Of("terminated").Count);
        Assert.Empty(h.User.Of("timeout"));
    }

    [Fact]
    public void Responses_racing_timer_B_and_F_give_each_transaction_one_outcome()
    {
        using var h = new TransactionHarness();
        var requests = Enumerable.Range(0, 400)
            .Select(i => i % 2 == 0 ? TestMessages.Invite(ViaBranch.New()) : TestMessages.Request("OPTIONS", ViaBranch.New()))
            .ToArray();
        foreach (var r in requests) h.StartClient(r);

        // One thread moves time across Timer B/F while others deliver final responses around that moment.
        using var start = new Barrier(Threads + 1);
        var clock = new Thread(() =>
        {
            start.SignalAndWait();
            h.AdvanceMs(33_000);
        });
        clock.Start();
        RunOnThreads(t =>
        {
            start.SignalAndWait();
            for (var i = t; i < requests.Length; i += Threads) h.Receive(TestMessages.Response(requests[i], 404));
        });
        clock.Join();
        h.AdvanceMs(64_000);

        Assert.Equal(0, h.Layer.Count);
        foreach (var story in h.User.Events.GroupBy(e => e.Transaction!))
        {
            var labels = story.Select(e => e.Label).ToList();
            Assert.True(labels.SequenceEqual(["response 404", "terminated"]) || labels.SequenceEqual(["timeout", "terminated"]),
                string.Join(", ", labels));
        }
        Assert.Equal(requests.Length, h.User.Of("terminated").Count);
    }

    private static void RunOnThreads(Action<int> body)
    {
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() => body(t))).ToList();
        foreach (var thread in threads) thread.Start();
        foreach (var thread in threads) thread.Join();
    }
}
