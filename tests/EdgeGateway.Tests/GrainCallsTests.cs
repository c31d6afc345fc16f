using Cinema.Edge.Sip;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;

namespace Cinema.Edge.Tests;

/// <summary>The edge rides out a silo's death by asking again, but only for failures of the cluster, and not forever.</summary>
public class GrainCallsTests
{
    /// <summary>Advances fake time in small steps until <paramref name="task"/> ends (real-time deadline 10 s).</summary>
    private static async Task RunAsync(Task task, FakeTimeProvider time)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (!task.IsCompleted && DateTime.UtcNow < until)
        {
            time.Advance(TimeSpan.FromMilliseconds(50));
            await Task.WhenAny(task, Task.Delay(5, TestContext.Current.CancellationToken));
        }
        Assert.True(task.IsCompleted, "the call never ended");
    }

    [Fact]
    public async Task A_call_lost_with_a_killed_silo_is_asked_again_after_the_attempt_timeout()
    {
        var time = new FakeTimeProvider();
        var attempts = 0;
        var call = GrainCalls.RetryAsync(() => ++attempts == 1 ? new TaskCompletionSource<int>().Task : Task.FromResult(7), time);
        var started = time.GetUtcNow();
        await RunAsync(call, time);
        Assert.Equal(7, await call);
        Assert.Equal(2, attempts);
        Assert.InRange(time.GetUtcNow() - started, GrainCalls.AttemptTimeout, GrainCalls.AttemptTimeout + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_silo_that_is_unavailable_for_a_moment_costs_a_retry_not_a_failure()
    {
        var time = new FakeTimeProvider();
        var attempts = 0;
        var call = GrainCalls.RetryAsync(() => ++attempts < 4 ? Task.FromException<int>(new SiloUnavailableException("gone")) : Task.FromResult(3), time);
        await RunAsync(call, time);
        Assert.Equal(3, await call);
        Assert.Equal(4, attempts);
    }

    [Fact]
    public async Task A_failure_of_the_call_itself_is_not_repeated()
    {
        var time = new FakeTimeProvider();
        var attempts = 0;
        var call = GrainCalls.RetryAsync<int>(() => { attempts++; throw new ArgumentException("bad registration"); }, time);
        await RunAsync(call, time);
        await Assert.ThrowsAsync<ArgumentException>(() => call);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task A_cluster_that_stays_away_fails_the_call_within_the_budget()
    {
        var time = new FakeTimeProvider();
        var started = time.GetUtcNow();
        var call = GrainCalls.RetryAsync(() => Task.FromException<int>(new SiloUnavailableException("gone")), time);
        await RunAsync(call, time);
        await Assert.ThrowsAsync<SiloUnavailableException>(() => call);
        Assert.InRange(time.GetUtcNow() - started, GrainCalls.Budget - TimeSpan.FromSeconds(1), GrainCalls.Budget + TimeSpan.FromSeconds(1));
    }
}
