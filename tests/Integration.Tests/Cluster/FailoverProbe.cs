using System.Collections.Concurrent;
using Cinema.Integration.Tests.Infrastructure;

namespace Cinema.Integration.Tests.Cluster;

/// <summary>
/// Asks the cluster, several times a second, for the bindings of a set of addresses (a query REGISTER each), and
/// remembers when each was sent and answered, so a test can tell how long requests for some grains went unanswered.
/// The gateway retries a grain call while the cluster notices a dead silo, so the dead silo shows up as slow answers
/// more than as failed ones; both count.
/// </summary>
public sealed class FailoverProbe : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<(DateTime At, DateTime Done, bool Ok)> _results = new();

    /// <summary>An answer slower than this is a request that waited for the cluster, not an ordinary one.</summary>
    public static readonly TimeSpan Slow = TimeSpan.FromMilliseconds(500);
    private readonly Task _loop;

    public FailoverProbe(string target, IReadOnlyList<string> addresses)
    {
        _loop = Task.Run(async () =>
        {
            using var client = new SipTestClient();
            var i = 0;
            while (!_stop.IsCancellationRequested)
            {
                var aor = addresses[i++ % addresses.Count];
                var at = DateTime.UtcNow;
                var answer = await client.RequestAsync(client.Register(aor, contact: null, expires: null), target, TimeSpan.FromSeconds(8));
                _results.Enqueue((at, DateTime.UtcNow, answer is { StatusCode: 200, Contacts.Count: > 0 }));
                await Task.Delay(20);
            }
        });
    }

    public int Failures => _results.Count(r => !r.Ok);

    public int Count => _results.Count;

    /// <summary>Probes that were slow (see <see cref="Slow"/>).</summary>
    public int SlowAnswers => _results.Count(r => r.Ok && r.Done - r.At > Slow);

    /// <summary>
    /// From <paramref name="since"/> until the end of the last probe that failed or was slow and ended after it: how
    /// long some requests waited for the cluster (zero when none did).
    /// </summary>
    public TimeSpan GapSince(DateTime since)
    {
        var lastBad = _results.Where(r => r.Done >= since && (!r.Ok || r.Done - r.At > Slow)).Select(r => r.Done).DefaultIfEmpty(since).Max();
        return lastBad - since;
    }

    /// <summary>Waits until probes started after <paramref name="since"/> have succeeded for <paramref name="streak"/> in a row.</summary>
    public Task<bool> WaitForRecoveryAsync(DateTime since, int streak, TimeSpan timeout) =>
        Deadline.WaitAsync(() =>
        {
            var recent = _results.Where(r => r.At >= since).TakeLast(streak).ToList();
            return recent.Count == streak && recent.All(r => r.Ok);
        }, timeout);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
