using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace Cinema.Silo.Storage;

public static class SqliteGrainStorageExtensions
{
    /// <summary>Registers <see cref="SqliteGrainStorage"/> under <paramref name="name"/>, serializing state with the Orleans serializer.</summary>
    public static IServiceCollection AddSqliteGrainStorage(this IServiceCollection services, string name, SqliteStorageOptions options) =>
        services.AddGrainStorage(name, (sp, _) => new SqliteGrainStorage(
            options,
            new OrleansGrainStorageSerializer(sp.GetRequiredService<Orleans.Serialization.Serializer>()),
            sp.GetRequiredService<ILogger<SqliteGrainStorage>>()));
}
