using Cinema.Edge.Hosting;
using Cinema.Grains;
using Cinema.Silo.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;

namespace Cinema.Silo.Hosting;

/// <summary>
/// The grain side of a silo, shared by the server and by the temporary silo of the users command so that both
/// open the same data in the same way: localhost clustering, SQLite grain storage in the data folder, grain options.
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
        silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort);
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = ClusterConnection.ClusterId;
            o.ServiceId = ClusterConnection.ServiceId;
        });
        silo.Services.AddSqliteGrainStorage(StorageNames.Default, new SqliteStorageOptions { DatabasePath = DatabasePath(settings.DataDir) });
        silo.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(registrar));
        silo.Services.TryAddSingleton(TimeProvider.System);
    }
}
