using System.Globalization;

namespace Cinema.Sip.Tests.Fuzz;

/// <summary>
/// Iteration counts for the fuzz properties. The defaults keep the whole fuzz suite to a few seconds on every CI
/// run; set CINEMA_FUZZ_SCALE (e.g. 50) to fuzz longer locally. A failure prints a CsCheck seed to replay it.
/// </summary>
internal static class FuzzBudget
{
    public const string EnvironmentVariable = "CINEMA_FUZZ_SCALE";

    private static readonly int Scale =
        int.TryParse(Environment.GetEnvironmentVariable(EnvironmentVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 1;

    public static long Iterations(int ciDefault) => (long)ciDefault * Scale;
}
