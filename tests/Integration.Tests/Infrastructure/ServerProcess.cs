namespace Cinema.Integration.Tests.Infrastructure;

/// <summary>
/// The Cinema server as a real process (the embedded default), on free loopback ports with its own data folder.
/// Started and stopped (SIGTERM) or killed by the tests; its output is kept for failure messages.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly List<string> _arguments;
    private DotnetProcess? _process;

    public ServerProcess(string dataDir, string domain = "example.com", params string[] extraArguments)
    {
        DataDir = dataDir;
        Domain = domain;
        SipPort = FreePorts.Next();
        GatewayPort = FreePorts.Next();
        _arguments =
        [
            $"--Cinema:Sip:Listen:0=udp:127.0.0.1:{SipPort}",
            $"--Cinema:Sip:Listen:1=tcp:127.0.0.1:{SipPort}",
            $"--Cinema:Domains:0={domain}",
            $"--Cinema:DataDir={dataDir}",
            "--Cinema:Http:Port=0",
            $"--Cinema:Orleans:SiloPort={FreePorts.Next()}",
            $"--Cinema:Orleans:GatewayPort={GatewayPort}",
            .. extraArguments,
        ];
    }

    /// <summary>A server with a data folder of its own in the temp folder, deleted when the server is disposed.</summary>
    public static ServerProcess InTempFolder(string domain, params string[] extraArguments) =>
        new(Directory.CreateTempSubdirectory("cinema-server-").FullName, domain, extraArguments) { _ownsDataDir = true };

    private bool _ownsDataDir;

    public string DataDir { get; }

    public string Domain { get; }

    public int SipPort { get; }

    /// <summary>The Orleans gateway port, where clients such as the users command reach the server's grains.</summary>
    public int GatewayPort { get; }

    public string Target => $"127.0.0.1:{SipPort}";

    public bool HasExited => _process?.HasExited ?? true;

    public int? ExitCode => _process?.ExitCode;

    /// <summary>The operating system's id of the running process (for reading /proc/&lt;pid&gt;/status).</summary>
    public int ProcessId => _process?.ProcessId ?? throw new InvalidOperationException("The server has not been started.");

    public string Output => _process?.Output ?? "";

    /// <summary>Starts the process without waiting for anything.</summary>
    public DotnetProcess Launch() => _process = DotnetProcess.Start(ToString(), RepositoryPaths.SiloDll, _arguments);

    /// <summary>Waits until the process has written <paramref name="text"/>.</summary>
    public Task WaitForOutputAsync(string text, TimeSpan timeout) =>
        (_process ?? throw new InvalidOperationException("The server has not been started.")).WaitForOutputAsync(text, timeout);

    /// <summary>Starts the process and waits until it answers OPTIONS over UDP.</summary>
    public async Task StartAsync(TimeSpan? timeout = null)
    {
        var process = Launch();
        using var client = new SipTestClient();
        var ready = await Deadline.WaitAsync(async () =>
        {
            if (process.HasExited) return true;
            var response = await client.RequestAsync(client.Options(Target, Domain), Target, TimeSpan.FromMilliseconds(300));
            return response is not null;
        }, timeout ?? TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(200));
        if (process.HasExited) throw new InvalidOperationException($"The server exited with {process.ExitCode}:\n{Output}");
        if (!ready) throw new TimeoutException("The server did not answer OPTIONS in time:\n" + Output);
    }

    /// <summary>Runs `users ...` against this server (its data folder and gateway), as an operator would.</summary>
    public Task<CommandResult> UsersAsync(params string[] arguments) =>
        SiloCommand.RunAsync(["users", .. arguments, $"--Cinema:DataDir={DataDir}", $"--Cinema:Domains:0={Domain}", $"--Cinema:Orleans:GatewayPort={GatewayPort}"]);

    /// <summary>Adds an account and fails the test if that does not work.</summary>
    public async Task AddUserAsync(string address, string password)
    {
        var result = await UsersAsync("add", address, "--password", password);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    /// <summary>SIGTERM, then waits for a clean exit; returns how long it took.</summary>
    public Task<TimeSpan> StopAsync(TimeSpan? timeout = null) => _process?.StopAsync(timeout) ?? Task.FromResult(TimeSpan.Zero);

    /// <summary>SIGKILL: the process gets no chance to clean up.</summary>
    public void Kill() => _process?.Kill();

    public async ValueTask DisposeAsync()
    {
        if (_process is not null) await _process.DisposeAsync();
        if (_ownsDataDir)
        {
            try
            {
                Directory.Delete(DataDir, recursive: true);
            }
            catch (IOException)
            {
                // Left for the temp cleaner.
            }
        }
    }

    public override string ToString() => $"server on {Target}";
}
