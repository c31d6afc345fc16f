using System.Collections.Concurrent;
using Cinema.Integration.Tests.Infrastructure;

namespace Cinema.Integration.Tests.Cluster;

/// <summary>
/// Asks the cluster, several times a second, for the bindings of a set of addresses (a query REGISTER each), and
/// remembers when each answer failed, so a test can tell how long requests for some grains went unanswered.
/// </summary>
public sealed class FailoverProbe : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<(DateTime At, bool Ok)> _results = new();
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
                var answer = await client.RequestAsync(client.Register(aor, contact: null, expires: null), target, TimeSpan.FromSeconds(2));
                _results.Enqueue((at, answer is { StatusCode: 200, Contacts.Count: > 0 }));
                await Task.Delay(20);
            }
        });
    }

    public int Failures => _results.Count(r => !r.Ok);

    public int Count => _results.Count;

    /// <summary>From <paramref name="since"/> to the start of the last failed probe after it (zero when none failed).</summary>
    public TimeSpan GapSince(DateTime since)
    {
        var lastFailure = _results.Where(r => r.At >= since && !r.Ok).Select(r => r.At).DefaultIfEmpty(since).Max();
        return lastFailure - since;
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
