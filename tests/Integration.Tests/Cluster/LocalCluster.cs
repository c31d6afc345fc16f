using System.Globalization;
using Cinema.Integration.Tests.Infrastructure;
using Cinema.Silo.Storage;

namespace Cinema.Integration.Tests.Cluster;

/// <summary>
/// A whole cluster on this machine, as real processes: PostgreSQL in a temp folder, silos on PostgreSQL
/// membership, storage and reminders (SIP left to the gateways), and stand-alone edge gateways serving example.com
/// with authentication off. Silos can be killed, stopped and restarted on their ports.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    public const string Domain = "example.com";

    private readonly List<string> _gatewayExtra;
    private readonly string _dataDir = Directory.CreateTempSubdirectory("cinema-cluster-").FullName;

    private LocalCluster(PostgresServer postgres, string connectionString, IEnumerable<string> gatewayExtra)
    {
        Postgres = postgres;
        ConnectionString = connectionString;
        _gatewayExtra = [.. gatewayExtra];
    }

    public PostgresServer Postgres { get; }

    public string ConnectionString { get; }

    public List<SiloNode> Silos { get; } = [];

    public List<GatewayNode> Gateways { get; } = [];

    public static async Task<LocalCluster> StartAsync(int silos, int gateways, params string[] gatewayExtra)
    {
        PostgresServer.RequireInstalled();
        var postgres = await PostgresServer.StartAsync();
        var cluster = new LocalCluster(postgres, postgres.ConnectionString, gatewayExtra);
        try
        {
            await PostgresSchema.InitializeAsync(cluster.ConnectionString, CancellationToken.None);
            for (var i = 0; i < silos; i++)
            {
                var silo = new SiloNode($"silo{i + 1}", FreePorts.Next(), FreePorts.Next());
                cluster.Silos.Add(silo);
                await cluster.StartSiloAsync(silo);
            }
            for (var i = 0; i < gateways; i++)
            {
                var gateway = new GatewayNode($"gateway-{(char)('A' + i)}", FreePorts.Next());
                cluster.Gateways.Add(gateway);
                await cluster.StartGatewayAsync(gateway);
            }
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async Task StartSiloAsync(SiloNode silo)
    {
        // A silo leaves SIP to the gateways unless it was given a SIP port of its own.
        string[] sip = silo.SipPort is { } port
            ? [$"--Cinema:Sip:Listen:0=udp:127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", $"--Cinema:Domains:0={Domain}",
               "--Cinema:Auth:Required=false", "--Cinema:Limits:PerSourceRequestsPerSecond=0", "--Cinema:Sip:RecordRouteHost=sip.example.com"]
            : ["--Cinema:Sip:Listen=none"];
        silo.Process = DotnetProcess.Start(silo.Name, RepositoryPaths.SiloDll,
        [
            $"--Cinema:Cluster:Postgres={ConnectionString}",
            $"--Cinema:Orleans:SiloPort={silo.SiloPort}",
            $"--Cinema:Orleans:GatewayPort={silo.GatewayPort}",
            .. sip,
            "--Cinema:Http:Port=0",
            $"--Cinema:DataDir={Path.Combine(_dataDir, silo.Name)}",
        ]);
        await silo.Process.WaitForOutputAsync(silo.SipPort is null ? "Silo started" : "SIP listening", TimeSpan.FromSeconds(90));
    }

    public async Task StartGatewayAsync(GatewayNode gateway)
    {
        var port = gateway.SipPort.ToString(CultureInfo.InvariantCulture);
        gateway.Process = DotnetProcess.Start(gateway.Name, RepositoryPaths.EdgeGatewayDll,
        [
            $"--Cinema:Cluster:Postgres={ConnectionString}",
            $"--Cinema:Sip:Listen:0=udp:127.0.0.1:{port}",
            $"--Cinema:Sip:Listen:1=tcp:127.0.0.1:{port}",
            $"--Cinema:Domains:0={Domain}",
            "--Cinema:Auth:Required=false",
            "--Cinema:Limits:PerSourceRequestsPerSecond=0",
            "--Cinema:Sip:RecordRouteHost=sip.example.com",
            $"--Cinema:Edge:Id={gateway.Name}",
            .. _gatewayExtra,
        ]);
        await gateway.Process.WaitForOutputAsync("SIP listening", TimeSpan.FromSeconds(90));
    }

    /// <summary>Everything every process said, for a failure message.</summary>
    public string Logs(int tail = 3000) => string.Join("\n",
        Silos.Concat<ClusterNode>(Gateways).Select(n => $"===== {n.Name}\n{Tail(n.Process?.Output ?? "", tail)}"));

    private static string Tail(string text, int length) => text.Length > length ? text[^length..] : text;

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Gateways.Concat<ClusterNode>(Silos))
        {
            if (node.Process is { } p) await p.DisposeAsync();
        }
        await Postgres.DisposeAsync();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp cleaner.
        }
    }
}

public abstract class ClusterNode(string name)
{
    public string Name { get; } = name;

    public DotnetProcess? Process { get; set; }
}

public sealed class SiloNode(string name, int siloPort, int gatewayPort, int? sipPort = null) : ClusterNode(name)
{
    /// <summary>Where this silo serves SIP itself, or null when it leaves SIP to the gateways.</summary>
    public int? SipPort { get; } = sipPort;

    public string Target => $"127.0.0.1:{SipPort}";

    public int SiloPort { get; } = siloPort;

    public int GatewayPort { get; } = gatewayPort;
}

public sealed class GatewayNode(string name, int sipPort) : ClusterNode(name)
{
    public int SipPort { get; } = sipPort;

    public string Target => $"127.0.0.1:{SipPort}";
}
