namespace Cinema.Integration.Tests.Infrastructure;

/// <summary>Waiting for a condition with a deadline, instead of sleeping a fixed time.</summary>
public static class Deadline
{
    public static async Task<bool> WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, TimeSpan? poll = null)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await condition()) return true;
            if (DateTime.UtcNow >= until) return false;
            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(50));
        }
    }

    public static Task<bool> WaitAsync(Func<bool> condition, TimeSpan timeout, TimeSpan? poll = null) =>
        WaitAsync(() => Task.FromResult(condition()), timeout, poll);
}
