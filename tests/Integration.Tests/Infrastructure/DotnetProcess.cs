using System.Diagnostics;
using System.Text;

namespace Cinema.Integration.Tests.Infrastructure;

/// <summary>
/// One of the built Cinema programs (the server, a gateway) running as a real process: its output kept for failure
/// messages and for waiting on log lines, stopped with SIGTERM or killed with SIGKILL.
/// </summary>
public sealed class DotnetProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly Process _process;

    private DotnetProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    public static DotnetProcess Start(string name, string dll, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var a in arguments) info.ArgumentList.Add(a);
        info.Environment["DOTNET_gcServer"] = "0";
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + dll);
        var started = new DotnetProcess(process, name);
        process.OutputDataReceived += (_, e) => started.Append(e.Data);
        process.ErrorDataReceived += (_, e) => started.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>Waits until the output contains <paramref name="text"/>; fails when the process exits first or time runs out.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var seen = await Deadline.WaitAsync(() => HasExited || Output.Contains(text, StringComparison.Ordinal), timeout);
        if (HasExited && !Output.Contains(text, StringComparison.Ordinal))
            throw new InvalidOperationException($"{Name} exited with {ExitCode} before saying '{text}':\n{Output}");
        if (!seen) throw new TimeoutException($"{Name} did not say '{text}' in time:\n{Output}");
    }

    /// <summary>SIGTERM, then waits for a clean exit; returns how long it took.</summary>
    public async Task<TimeSpan> StopAsync(TimeSpan? timeout = null)
    {
        if (_process.HasExited) return TimeSpan.Zero;
        var watch = Stopwatch.StartNew();
        Posix.Terminate(_process.Id);
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Name} did not stop on SIGTERM in time:\n{Output}");
        }
        return watch.Elapsed;
    }

    /// <summary>SIGKILL: the process gets no chance to clean up.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            if (_output.Length < 2_000_000) _output.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await StopAsync(TimeSpan.FromSeconds(10));
            }
            catch (TimeoutException)
            {
                // Killed by StopAsync.
            }
        }
        _process.Dispose();
    }

    public override string ToString() => Name;
}
