using System.Diagnostics;
using System.Text;

namespace Cinema.Integration.Tests.Infrastructure;

/// <summary>
/// The Cinema server as a real process (the embedded default), on free loopback ports with its own data folder.
/// Started and stopped (SIGTERM) or killed by the tests; its output is kept for failure messages.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly List<string> _arguments;
    private Process? _process;

    public ServerProcess(string dataDir, string domain = "example.com", params string[] extraArguments)
    {
        DataDir = dataDir;
        Domain = domain;
        SipPort = FreePorts.Next();
        _arguments =
        [
            RepositoryPaths.SiloDll,
            $"--Cinema:Sip:Listen:0=udp:127.0.0.1:{SipPort}",
            $"--Cinema:Sip:Listen:1=tcp:127.0.0.1:{SipPort}",
            $"--Cinema:Domains:0={domain}",
            $"--Cinema:DataDir={dataDir}",
            "--Cinema:Http:Port=0",
            $"--Cinema:Orleans:SiloPort={FreePorts.Next()}",
            $"--Cinema:Orleans:GatewayPort={FreePorts.Next()}",
            .. extraArguments,
        ];
    }

    public string DataDir { get; }

    public string Domain { get; }

    public int SipPort { get; }

    public string Target => $"127.0.0.1:{SipPort}";

    /// <summary>The operating system's id of the running process (for reading /proc/&lt;pid&gt;/status).</summary>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("The server has not been started.");

    public bool HasExited => _process?.HasExited ?? true;

    public int? ExitCode => _process is { HasExited: true } p ? p.ExitCode : null;

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    /// <summary>Starts the process and waits until it answers OPTIONS over UDP.</summary>
    public async Task StartAsync(TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in _arguments) info.ArgumentList.Add(a);
        info.Environment["DOTNET_gcServer"] = "0";
        _process = Process.Start(info) ?? throw new InvalidOperationException("could not start the server");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var client = new SipTestClient();
        var ready = await Deadline.WaitAsync(async () =>
        {
            if (_process.HasExited) return true;
            var response = await client.RequestAsync(client.Options(Target, Domain), Target, TimeSpan.FromMilliseconds(300));
            return response is not null;
        }, timeout ?? TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(200));
        if (_process.HasExited) throw new InvalidOperationException($"The server exited with {_process.ExitCode}:\n{Output}");
        if (!ready) throw new TimeoutException("The server did not answer OPTIONS in time:\n" + Output);
    }

    /// <summary>SIGTERM, then waits for a clean exit; returns how long it took.</summary>
    public async Task<TimeSpan> StopAsync(TimeSpan? timeout = null)
    {
        if (_process is null || _process.HasExited) return TimeSpan.Zero;
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
            throw new TimeoutException("The server did not stop on SIGTERM in time:\n" + Output);
        }
        return watch.Elapsed;
    }

    /// <summary>SIGKILL: the process gets no chance to clean up.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false }) _process.Kill(entireProcessTree: true);
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
        if (_process is { HasExited: false })
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
        _process?.Dispose();
    }

    public override string ToString() => $"server on {Target}";
}
