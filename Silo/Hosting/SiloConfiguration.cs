using Cinema.Edge.Hosting;
using Cinema.Grains;
using Cinema.Silo.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;

namespace Cinema.Silo.Hosting;

/// <summary>
/// The grain side of a silo, shared by the server and by the temporary silo of the users command so that both
/// open the same data in the same way: localhost clustering and SQLite grain storage in the data folder (the
/// embedded default), or PostgreSQL membership, storage and reminders (cluster mode); grain options.
/// </summary>
public static class SiloConfiguration
{
    /// <summary>The database file in <paramref name="dataDir"/>.</summary>
    public static string DatabasePath(string dataDir) => Path.Combine(dataDir, "cinema.db");

    /// <summary>
    /// Configures <paramref name="silo"/> with the silo and gateway ports of <paramref name="settings"/> (a gateway
    /// port of 0 opens no gateway) and the storage in its data folder.
    /// </summary>
    public static void Apply(ISiloBuilder silo, SiloSettings settings, RegistrarOptions registrar)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.ClusterPostgres is { } postgres)
        {
            // Cluster mode: membership, grain state and reminders in PostgreSQL; this silo reachable at its advertised
            // address (listening on all addresses so that the advertised one works whatever it is).
            ClusterStorage.Configure(silo, postgres);
            silo.Configure<EndpointOptions>(o =>
            {
                o.AdvertisedIPAddress = settings.AdvertisedAddress;
                o.SiloPort = settings.SiloPort;
                o.GatewayPort = settings.GatewayPort;
                o.SiloListeningEndpoint = new System.Net.IPEndPoint(System.Net.IPAddress.Any, settings.SiloPort);
                o.GatewayListeningEndpoint = settings.GatewayPort == 0 ? null : new System.Net.IPEndPoint(System.Net.IPAddress.Any, settings.GatewayPort);
            });
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                // Fast failure detection (docs/failover.md): a killed silo is suspected after a few missed probes and
                // declared dead by the votes of two others; connection activity still vetoes suspicion under load.
                o.ProbeTimeout = settings.ProbeTimeout;
                o.NumMissedProbesLimit = settings.MissedProbes;
                o.NumVotesForDeathDeclaration = 2;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(5);
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
                o.EnableConnectionLivenessCheck = true;
            });
        }
        else
        {
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort);
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = ClusterConnection.ClusterId;
                o.ServiceId = ClusterConnection.ServiceId;
            });
            silo.Services.AddSqliteGrainStorage(StorageNames.Default, new SqliteStorageOptions { DatabasePath = DatabasePath(settings.DataDir) });
        }
        silo.Configure<GrainDirectoryOptions>(o =>
        {
            o.CacheSize = settings.DirectoryCacheSize;
            if (settings.DirectoryCacheSize == 0) o.CachingStrategy = GrainDirectoryOptions.CachingStrategyType.None;
        });
        silo.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(registrar));
        silo.Services.TryAddSingleton(TimeProvider.System);
    }
}
