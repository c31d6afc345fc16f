using Cinema.Edge.Configuration;
using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Cinema.Edge.Hosting;

/// <summary>
/// How an Orleans client process (a stand-alone gateway, the command line) finds the cluster: through the
/// membership table in PostgreSQL when Cinema:Cluster:Postgres is set, else the embedded server's gateway on
/// localhost (Cinema:Orleans:GatewayPort).
/// </summary>
public static class ClusterConnection
{
    public const string ClusterId = "cinema";
    public const string ServiceId = "cinema";

    public static void Configure(IClientBuilder client, IConfiguration config)
    {
        var postgres = ConfigReader.Text(config, "Cinema:Cluster:Postgres");
        if (postgres is not null)
        {
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = PostgresPool.Capped(postgres, PostgresPool.ClientConnections);
            });
        }
        else
        {
            client.UseLocalhostClustering(ConfigReader.Number(config, "Cinema:Orleans:GatewayPort", 30000, 1, 65535));
        }
        client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = ClusterId;
            o.ServiceId = ServiceId;
        });
        // Keep trying while the cluster is away (a silo restart, a rolling upgrade) instead of giving up.
        client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
        // A call lost with a silo should fail in seconds, not Orleans' 30: the edge then tries again elsewhere
        // (GrainCalls), well within the caller's own SIP timers.
        client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
        if (OrleansTlsSettings.Read(config) is { } tls) client.UseTls(tls.Certificate, tls.Configure);
    }
}
