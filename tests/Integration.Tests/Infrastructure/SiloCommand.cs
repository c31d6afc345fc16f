using System.Diagnostics;

namespace Cinema.Integration.Tests.Infrastructure;

/// <summary>Runs the built server program with a command (`dotnet Cinema.Silo.dll users add ...`) as an operator would.</summary>
public static class SiloCommand
{
    public static async Task<CommandResult> RunAsync(IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(RepositoryPaths.SiloDll);
        foreach (var a in arguments) info.ArgumentList.Add(a);
        info.Environment["DOTNET_gcServer"] = "0";
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + RepositoryPaths.SiloDll);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{string.Join(' ', arguments)}` did not finish in time:\n{await output}\n{await error}");
        }
        return new CommandResult(process.ExitCode, await output, await error, watch.Elapsed);
    }
}
