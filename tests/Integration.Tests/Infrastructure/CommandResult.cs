namespace Cinema.Integration.Tests.Infrastructure;

/// <summary>How a command-line run of the server program ended, with what it wrote and how long it took.</summary>
public sealed record CommandResult(int ExitCode, string Output, string Error, TimeSpan Elapsed)
{
    public override string ToString() => $"exit {ExitCode} after {Elapsed.TotalSeconds:0.0}s\nstdout: {Output}\nstderr: {Error}";
}
