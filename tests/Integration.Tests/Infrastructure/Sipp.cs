using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Cinema.Integration.Tests.Infrastructure;

/// <summary>Counts from SIPp's statistics file at the end of a run.</summary>
public sealed record SippResult(int ExitCode, long Successful, long Failed, string Output)
{
    public override string ToString() => $"sipp exit {ExitCode}: {Successful} ok, {Failed} failed\n{Output}";
}

/// <summary>
/// Runs SIPp (Debian package sip-tester) against a target, with the project's own scenarios. Every run is
/// bounded: a call count (-m), a global timeout, and a kill when the process outlives it.
/// </summary>
public sealed class Sipp : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _work;

    private Sipp(Process process, string work)
    {
        _process = process;
        _work = work;
    }

    public static bool IsInstalled => Which("sipp") is not null;

    public static void RequireInstalled() =>
        Assert.SkipUnless(IsInstalled, "SIPp is not installed (apt-get install sip-tester; the README's test command installs it)");

    /// <summary>Starts SIPp. <paramref name="csv"/> lines become the injection file (SEQUENTIAL).</summary>
    public static Sipp Start(string scenario, string? target, int localPort, IEnumerable<string> csv, params string[] extra)
    {
        var work = Directory.CreateTempSubdirectory("cinema-sipp-").FullName;
        var csvPath = Path.Combine(work, "fields.csv");
        var lines = csv.ToList();
        File.WriteAllLines(csvPath, ["SEQUENTIAL", .. lines]);
        var info = new ProcessStartInfo("sipp") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false, WorkingDirectory = work };
        info.ArgumentList.Add("-sf");
        info.ArgumentList.Add(RepositoryPaths.Scenario(scenario));
        if (target is not null) info.ArgumentList.Add(target);
        foreach (var a in (string[])["-i", "127.0.0.1", "-p", localPort.ToString(CultureInfo.InvariantCulture),
                     "-nostdin", "-trace_stat", "-stf", Path.Combine(work, "stat.csv"), "-fd", "1", "-max_socket", "2000"])
            info.ArgumentList.Add(a);
        // An injection file without data lines makes SIPp refuse to start.
        if (lines.Count > 0)
        {
            info.ArgumentList.Add("-inf");
            info.ArgumentList.Add(csvPath);
        }
        foreach (var a in extra) info.ArgumentList.Add(a);
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start sipp");
        var sipp = new Sipp(process, work);
        process.OutputDataReceived += (_, e) => sipp.Append(e.Data);
        process.ErrorDataReceived += (_, e) => sipp.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return sipp;
    }

    /// <summary>Runs a client scenario to the end: <paramref name="calls"/> calls, at most <paramref name="timeout"/>.</summary>
    public static async Task<SippResult> RunAsync(string scenario, string target, int calls, IEnumerable<string> csv,
        TimeSpan timeout, string transport = "u1", int rate = 0, int concurrent = 0, params string[] extra)
    {
        var args = new List<string> { "-m", calls.ToString(CultureInfo.InvariantCulture), "-t", transport,
            "-timeout", ((int)timeout.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s", "-timeout_error" };
        // SIPp paces at 10 calls/s unless told otherwise; load tests want as fast as the limit allows.
        args.AddRange(["-r", (rate > 0 ? rate : 100_000).ToString(CultureInfo.InvariantCulture)]);
        if (concurrent > 0) args.AddRange(["-l", concurrent.ToString(CultureInfo.InvariantCulture)]);
        args.AddRange(extra);
        await using var sipp = Start(scenario, target, FreePorts.Next(), csv, [.. args]);
        return await sipp.WaitAsync(timeout + TimeSpan.FromSeconds(15));
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Calls that succeeded and failed so far (SIPp writes its statistics once a second).</summary>
    public (long Ok, long Failed) Progress() => ReadCounts();

    /// <summary>SIGUSR1: SIPp starts no new call, lets the calls under way finish, and exits.</summary>
    public void StopSoftly()
    {
        if (!_process.HasExited) Posix.UserSignal1(_process.Id);
    }

    public async Task<SippResult> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        var (ok, failed) = ReadCounts();
        lock (_output) return new SippResult(_process.ExitCode, ok, failed, _output.ToString());
    }

    private (long Ok, long Failed) ReadCounts()
    {
        var path = Path.Combine(_work, "stat.csv");
        if (!File.Exists(path)) return (0, 0);
        var lines = File.ReadAllLines(path);
        if (lines.Length < 2) return (0, 0);
        var header = lines[0].Split(';');
        var last = lines[^1].Split(';');
        long Column(string name)
        {
            var i = Array.IndexOf(header, name);
            return i >= 0 && i < last.Length && long.TryParse(last[i], CultureInfo.InvariantCulture, out var v) ? v : 0;
        }
        return (Column("SuccessfulCall(C)"), Column("FailedCall(C)"));
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            if (_output.Length < 200_000) _output.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a dying process: left for the OS temp cleaner.
        }
    }

    internal static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists);
}
