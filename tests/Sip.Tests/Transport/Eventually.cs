namespace Cinema.Sip.Tests.Transport;

/// <summary>Waits for a condition with a deadline, checking it again every few milliseconds.</summary>
internal static class Eventually
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? Deadline);
        while (!condition())
        {
            if (DateTime.UtcNow > until) Assert.Fail("Timed out waiting until " + what);
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
    }
}
