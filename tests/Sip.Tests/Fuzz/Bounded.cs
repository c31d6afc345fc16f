namespace Cinema.Sip.Tests.Fuzz;

/// <summary>
/// Runs a whole property on the thread pool and fails it when it does not finish in time, so that a parser
/// that loops forever fails the test run instead of hanging it.
/// </summary>
internal static class Bounded
{
    /// <summary>Generous: each property takes about a second on a shared two-core machine (times the fuzz scale).</summary>
    public static readonly TimeSpan PropertyBudget = TimeSpan.FromSeconds(60 * FuzzBudget.Iterations(1));

    public static async Task Run(Action property)
    {
        var token = TestContext.Current.CancellationToken;
        await Task.Run(property, token).WaitAsync(PropertyBudget, token);
    }
}
