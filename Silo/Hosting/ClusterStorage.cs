using Cinema.Edge.Hosting;
using Cinema.Grains;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Serialization;
using Orleans.Storage;

namespace Cinema.Silo.Hosting;

/// <summary>
/// Cluster mode's shared state in PostgreSQL through Orleans' ADO.NET providers: membership (silos find each other
/// and gateways find silos), grain state and reminders. The schema comes from deploy/sql (see
/// <see cref="Storage.PostgresSchema"/>). Endpoints are the caller's business.
/// </summary>
public static class ClusterStorage
{
    /// <summary>
    /// The ADO.NET invariant of Npgsql. Orleans resolves it itself, by loading the Npgsql assembly and its
    /// NpgsqlFactory.Instance, so nothing has to be registered with DbProviderFactories; the Npgsql package reference
    /// is what makes it loadable.
    /// </summary>
    public const string Invariant = "Npgsql";

    public static void Configure(ISiloBuilder silo, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        connectionString = PostgresPool.Capped(connectionString, PostgresPool.SiloConnections);

        // The same ids as the gateways' ClusterConnection, or they would look for another cluster's silos.
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = ClusterConnection.ClusterId;
            o.ServiceId = ClusterConnection.ServiceId;
        });
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        silo.AddAdoNetGrainStorage(StorageNames.Default, options => options.Configure<Serializer>((o, serializer) =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
            // The Orleans binary format, as the embedded SQLite storage uses: the state records are [GenerateSerializer]
            // types, and the provider's default (JSON) would need them to be JSON-shaped as well.
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
            // A cleared state (a registrar with no bindings left) is deleted, as in SQLite, rather than kept empty.
            o.DeleteStateOnClear = true;
        }));
        // Grains without a storage name get the same provider: one instance, one initialisation, under both names.
        silo.Services.AddKeyedSingleton(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME,
            (sp, _) => sp.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default));
        silo.Services.TryAddSingleton(sp => sp.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default));
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
    }
}
