using Orleans.Runtime;

namespace Cinema.Edge.Sip;

/// <summary>
/// Grain calls from the edge that ride out a silo's failure. While a dead silo is being detected (a few seconds),
/// calls to the grains it held fail; SIP gives us far longer than that (the caller waits 32 s, Timer B), so a call
/// is tried again with growing pauses for up to <see cref="Budget"/> before the request is answered 500. Pauses
/// stay short (<see cref="MaxPause"/>) so a call goes through within moments of the cluster declaring the silo dead.
/// Only calls that are safe to repeat go through here (reads, and registrations, which the registrar recognises
/// when repeated).
/// </summary>
internal static class GrainCalls
{
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan MaxPause = TimeSpan.FromMilliseconds(400);

    /// <summary>
    /// How long one attempt may take. A request the client had already handed to the connection of a silo that was
    /// just killed is lost with it and would only fail at the response timeout (5 s); asking again sooner, through
    /// a live silo, is safe for the calls that come here, and keeps the gap after a silo's death to seconds.
    /// </summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(2);

    public static async Task<T> RetryAsync<T>(Func<Task<T>> call, TimeProvider time)
    {
        var deadline = time.GetUtcNow() + Budget;
        var pause = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                return await call().WaitAsync(AttemptTimeout, time);
            }
            catch (Exception e) when (IsTransient(e) && time.GetUtcNow() + pause < deadline)
            {
                await Task.Delay(pause, time);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxPause.Ticks));
            }
        }
    }

    /// <summary>Failures of the cluster, not of the call: a silo gone or going, a response lost with it.</summary>
    private static bool IsTransient(Exception e) => e is SiloUnavailableException or TimeoutException or OrleansMessageRejectionException
        || (e is OrleansException && e.Message.Contains("unavailable", StringComparison.OrdinalIgnoreCase));
}
