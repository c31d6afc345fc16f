using System.Diagnostics;
using System.Globalization;

namespace Cinema.Integration.Tests.Infrastructure;

/// <summary>The SIPVicious scanners (Debian package sipvicious), run as an attacker would, bounded in time.</summary>
public static class SipVicious
{
    public static void RequireInstalled() =>
        Assert.SkipUnless(Sipp.Which("svwar") is not null && Sipp.Which("svcrack") is not null,
            "SIPVicious is not installed (apt-get install sipvicious; the README's test command installs it)");

    /// <summary>svwar: which extensions in <paramref name="range"/> exist, guessed from how the server answers.</summary>
    public static Task<CommandResult> WarAsync(ServerProcess server, string range, string method) =>
        RunAsync("svwar", ["-e" + range, "-m", method, "--force", "-p", Port(server), "-P", Free(), "127.0.0.1"]);

    /// <summary>svcrack: tries each password of <paramref name="wordlist"/> for <paramref name="user"/>.</summary>
    public static Task<CommandResult> CrackAsync(ServerProcess server, string user, string wordlist) =>
        RunAsync("svcrack", ["-u", user, "-d", wordlist, "-p", Port(server), "-P", Free(), "127.0.0.1"]);

    private static string Port(ServerProcess server) => server.SipPort.ToString(CultureInfo.InvariantCulture);

    private static string Free() => FreePorts.Next().ToString(CultureInfo.InvariantCulture);

    private static async Task<CommandResult> RunAsync(string tool, string[] arguments)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + tool);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }
        return new CommandResult(process.HasExited ? process.ExitCode : -1, await output, await error, watch.Elapsed);
    }
}
