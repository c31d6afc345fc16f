using System.Diagnostics;
using System.Net;
using Cinema.Sip.Messages;

namespace Cinema.Integration.Tests.Infrastructure;

/// <summary>What became of a run of <see cref="PacedRegistrations"/>.</summary>
public sealed record RegistrationOutcome(int Sent, int Ok, IReadOnlyDictionary<int, int> OtherStatuses, int Unanswered, TimeSpan SlowestOk)
{
    public override string ToString() =>
        $"{Ok} of {Sent} registered (slowest {SlowestOk.TotalMilliseconds:F0} ms), {Unanswered} unanswered, other answers: " +
        (OtherStatuses.Count == 0 ? "none" : string.Join(", ", OtherStatuses.Select(s => $"{s.Key}×{s.Value}")));
}

/// <summary>
/// REGISTERs of distinct users sent at a steady rate from one loopback address, many in flight at once, each
/// retransmitted as a UAC does over UDP (RFC 3261 §17.1.2.2: after T1, doubling up to T2) until a final response
/// comes or <c>answerWithin</c> is over.
/// </summary>
public static class PacedRegistrations
{
    private static readonly TimeSpan T1 = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan T2 = TimeSpan.FromSeconds(4);

    public static async Task<RegistrationOutcome> RunAsync(IPAddress from, string target, string domain, int count, int perSecond, TimeSpan answerWithin)
    {
        using var client = new SipTestClient(new IPEndPoint(from, 0));
        var pending = new Dictionary<string, InFlight>();
        var statuses = new Dictionary<int, int>();
        var slowest = TimeSpan.Zero;
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();

        var receiving = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (await client.ReceiveAsync(TimeSpan.FromMilliseconds(100)) is not SipResponse { IsFinal: true } response) continue;
                lock (pending)
                {
                    if (!pending.Remove(response.CallId, out var done)) continue; // a retransmitted answer
                    statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
                    var took = clock.Elapsed - done.FirstSent;
                    if (response.StatusCode == 200 && took > slowest) slowest = took;
                }
            }
        });

        var sent = 0;
        var unanswered = 0;
        using (var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10)))
        {
            while (true)
            {
                var now = clock.Elapsed;
                var due = Math.Min(count, (int)(now.TotalSeconds * perSecond));
                var toSend = new List<byte[]>();
                for (; sent < due; sent++)
                {
                    var aor = $"flood-witness-{sent}@{domain}";
                    var request = client.Register(aor, $"sip:witness{sent}@{client.LocalEndPoint}", 300);
                    var bytes = request.ToArray();
                    lock (pending) pending[request.Build().CallId] = new InFlight(bytes, now, now + T1, T1);
                    toSend.Add(bytes);
                }

                lock (pending)
                {
                    foreach (var (callId, flight) in pending.ToList())
                    {
                        if (now - flight.FirstSent > answerWithin)
                        {
                            pending.Remove(callId);
                            unanswered++;
                        }
                        else if (now >= flight.NextSend)
                        {
                            var interval = flight.Interval * 2 < T2 ? flight.Interval * 2 : T2;
                            pending[callId] = flight with { NextSend = now + interval, Interval = interval };
                            toSend.Add(flight.Bytes);
                        }
                    }

                    if (sent == count && pending.Count == 0) break;
                }

                foreach (var bytes in toSend) await client.SendAsync(bytes, target);
                await timer.WaitForNextTickAsync();
            }
        }

        await stop.CancelAsync();
        await receiving;
        lock (pending)
        {
            var ok = statuses.GetValueOrDefault(200);
            statuses.Remove(200);
            return new RegistrationOutcome(sent, ok, statuses, unanswered, slowest);
        }
    }

    private sealed record InFlight(byte[] Bytes, TimeSpan FirstSent, TimeSpan NextSend, TimeSpan Interval);
}
