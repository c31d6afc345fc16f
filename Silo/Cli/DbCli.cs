using Cinema.Edge.Configuration;
using Cinema.Silo.Storage;
using Microsoft.Extensions.Configuration;

namespace Cinema.Silo.Cli;

/// <summary>
/// `db init` and `db check`: the cluster's PostgreSQL schema (deploy/sql), applied idempotently or checked, for
/// the database in Cinema:Cluster:Postgres.
/// </summary>
public static class DbCli
{
    public const string Usage = """
        Usage: db <init|check> --Cinema:Cluster:Postgres="Host=...;Database=...;Username=...;Password=..."

          init    create or update the Cinema schema (safe to run again)
          check   say whether the schema is there and current (exit 0) or not (exit 2)

        The embedded default needs neither: its SQLite file is made on first start.

        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var verb = args.Count > 0 ? args[0] : "";
        if (verb is not ("init" or "check"))
        {
            await error.WriteLineAsync($"db: unknown subcommand '{verb}'");
            await error.WriteAsync(Usage);
            return Commands.Refused;
        }
        var settings = args.Skip(1).ToList();
        var stray = settings.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        if (stray is not null)
        {
            await error.WriteLineAsync($"db: unexpected argument '{stray}'");
            await error.WriteAsync(Usage);
            return Commands.Refused;
        }
        var config = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine([.. settings])
            .Build();
        var connection = ConfigReader.Text(config, "Cinema:Cluster:Postgres");
        if (connection is null)
        {
            await error.WriteLineAsync("db: Cinema:Cluster:Postgres is not set: give the cluster's connection string.");
            return Commands.Refused;
        }
        try
        {
            if (verb == "init")
            {
                await PostgresSchema.InitializeAsync(connection, cancellationToken);
                await output.WriteLineAsync($"Cinema schema version {PostgresSchema.CurrentVersion} is in place.");
                return Commands.Success;
            }
            var problem = await PostgresSchema.CheckAsync(connection, cancellationToken);
            if (problem is null)
            {
                await output.WriteLineAsync($"Cinema schema version {PostgresSchema.CurrentVersion} is in place.");
                return Commands.Success;
            }
            await error.WriteLineAsync("db: " + problem);
            return Commands.Refused;
        }
        catch (PostgresSchemaException e)
        {
            await error.WriteLineAsync("db: " + e.Message);
            return Commands.Failed;
        }
    }
}
