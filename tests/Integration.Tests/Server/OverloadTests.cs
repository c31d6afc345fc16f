using System.Globalization;
using Cinema.Integration.Tests.Infrastructure;
using Cinema.Sip.Messages;

namespace Cinema.Integration.Tests.Server;

/// <summary>
/// Past the number of requests it is working on at once, the server refuses new ones at the door with 503 and
/// Retry-After, instead of queueing work it cannot finish in time; everything it accepted is done, and it serves
/// normally once the burst is over.
/// </summary>
public class OverloadTests
{
    [Fact]
    public async Task A_burst_beyond_the_pending_limit_gets_503_with_retry_after_and_the_rest_is_served()
    {
        await using var server = ServerProcess.InTempFolder("example.com", "--Cinema:Auth:Required=false", "--Cinema:Limits:PerSourceRequestsPerSecond=0",
            "--Cinema:Limits:MaxPendingRequests=2");
        await server.StartAsync();
        using var phone = new SipTestClient();

        // Fifty fresh registrations at once: each needs its registrar activated and its binding written to disk.
        var sent = new Dictionary<string, SipRequest>();
        for (var i = 0; i < 50; i++)
        {
            var request = phone.Register($"burst{i.ToString(CultureInfo.InvariantCulture)}@example.com", phone.Contact, 600);
            var built = request.Build();
            sent[built.CallId] = built;
            await phone.SendAsync(request.ToArray(), server.Target);
        }
        var answers = new Dictionary<string, SipResponse>();
        await Deadline.WaitAsync(async () =>
        {
            if (await phone.ReceiveAsync(TimeSpan.FromMilliseconds(200)) is SipResponse { IsFinal: true } r && sent.ContainsKey(r.CallId)) answers[r.CallId] = r;
            return answers.Count == sent.Count;
        }, TimeSpan.FromSeconds(20));

        Assert.True(answers.Count == sent.Count, $"{answers.Count} of {sent.Count} answered\n{server.Output}");
        var refused = answers.Values.Where(r => r.StatusCode == 503).ToList();
        var accepted = answers.Values.Where(r => r.StatusCode == 200).ToList();
        Assert.True(refused.Count > 0, "nothing was refused: " + string.Join(", ", answers.Values.Select(r => r.StatusCode)));
        Assert.Equal(sent.Count, refused.Count + accepted.Count);
        Assert.All(refused, r => Assert.Equal("1", r.RetryAfter?.Value));
        Assert.Contains("Overloaded", server.Output, StringComparison.Ordinal);

        // What was accepted is registered, what was refused is not, and the server takes the refused ones now.
        foreach (var (callId, request) in sent)
        {
            var aor = request.To.Uri.ToString()["sip:".Length..];
            var query = await phone.RequestAsync(phone.Register(aor, contact: null, expires: null), server.Target);
            Assert.Equal(answers[callId].StatusCode == 200 ? 1 : 0, query!.Contacts.Count);
            if (answers[callId].StatusCode == 503)
                Assert.Equal(200, (await phone.RequestAsync(phone.Register(aor, phone.Contact, 600), server.Target))?.StatusCode);
        }
    }
}
