using System.Net.Sockets;
using System.Reflection;
using Npgsql;

namespace Cinema.Silo.Storage;

/// <summary>
/// Cinema's PostgreSQL schema for cluster mode: the tables, functions and OrleansQuery rows the Orleans ADO.NET
/// clustering, persistence and reminder providers need (deploy/sql, embedded in this assembly), and the recorded
/// schema version that start-up checks. Messages name the server and the database, never the password.
/// </summary>
public static class PostgresSchema
{
    /// <summary>The schema version this release's scripts create (written by deploy/sql/90-schema-version.sql).</summary>
    public const int CurrentVersion = 1;

    private const string ResourcePrefix = "Cinema.Silo.Sql.";
    private const string InitHint = "run `dotnet run --project Silo -- db init --Cinema:Cluster:Postgres=...`";

    /// <summary>
    /// Creates or brings up to date the schema: every script, in file-name order, in one transaction, so that a
    /// failure leaves the database as it was. Running it again changes nothing.
    /// </summary>
    /// <exception cref="PostgresSchemaException">The server cannot be reached, or a script failed.</exception>
    public static async Task InitializeAsync(string connectionString, CancellationToken cancellationToken)
    {
        var target = Target.Parse(connectionString);
        await using var connection = await OpenAsync(target, connectionString, cancellationToken);
        var step = "BEGIN";
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            // "already exists, skipping" notices on every rerun say nothing useful.
            await ExecuteAsync(connection, transaction, "SET LOCAL client_min_messages = warning", cancellationToken);
            foreach (var (name, sql) in Scripts())
            {
                step = name;
                await ExecuteAsync(connection, transaction, sql, cancellationToken);
            }
            step = "COMMIT";
            await transaction.CommitAsync(cancellationToken);
        }
        catch (NpgsqlException e)
        {
            throw new PostgresSchemaException($"db init failed in {step} on {target}: {Reason(e)}", e);
        }
    }

    /// <summary>
    /// Null when the database has the schema at <see cref="CurrentVersion"/>; otherwise what is wrong and what to
    /// do, including when the server cannot be reached at all.
    /// </summary>
    public static async Task<string?> CheckAsync(string connectionString, CancellationToken cancellationToken)
    {
        Target target;
        NpgsqlConnection connection;
        try
        {
            target = Target.Parse(connectionString);
            connection = await OpenAsync(target, connectionString, cancellationToken);
        }
        catch (PostgresSchemaException e)
        {
            return e.Message;
        }
        await using (connection)
        {
            try
            {
                return await CheckVersionAsync(connection, target, cancellationToken);
            }
            catch (NpgsqlException e)
            {
                return $"could not read the Cinema schema version of {target}: {Reason(e)}";
            }
        }
    }

    private static async Task<string?> CheckVersionAsync(NpgsqlConnection connection, Target target, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        // to_regclass finds the table the way the providers' unqualified queries will: through search_path.
        command.CommandText = "SELECT to_regclass('cinema_schema') IS NOT NULL";
        if (await command.ExecuteScalarAsync(cancellationToken) is not true)
            return $"the database {target} has no Cinema schema: {InitHint}";
        command.CommandText = "SELECT version FROM cinema_schema";
        var version = await command.ExecuteScalarAsync(cancellationToken) as int?;
        if (version is null)
            return $"the database {target} has no Cinema schema version recorded: {InitHint}";
        if (version < CurrentVersion)
            return $"the database {target} has Cinema schema version {version}, this release needs {CurrentVersion}: {InitHint}";
        if (version > CurrentVersion)
            return $"the database {target} has Cinema schema version {version}, newer than this release's ({CurrentVersion}): use a newer Cinema release";
        return null;
    }

    /// <summary>The embedded scripts of deploy/sql, in the order they are applied.</summary>
    internal static IReadOnlyList<(string Name, string Sql)> Scripts()
    {
        var assembly = typeof(PostgresSchema).Assembly;
        var scripts = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (n[ResourcePrefix.Length..], Read(assembly, n)))
            .ToList();
        if (scripts.Count == 0)
            throw new InvalidOperationException("no SQL scripts are embedded in " + assembly.GetName().Name + " (deploy/sql)");
        return scripts;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    // The server's own words for its errors; Npgsql's message for the rest (a dropped connection, a timeout).
    private static string Reason(NpgsqlException e) => e is PostgresException p ? p.MessageText : e.Message;

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<NpgsqlConnection> OpenAsync(Target target, string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException or InvalidOperationException)
        {
            await connection.DisposeAsync();
            throw new PostgresSchemaException(target.Describe(e), e);
        }
    }

    /// <summary>Where a connection string points, for messages: host, port, database and user, never the password.</summary>
    private sealed record Target(string Host, int Port, string Database, string User)
    {
        public static Target Parse(string connectionString)
        {
            NpgsqlConnectionStringBuilder builder;
            try
            {
                builder = new NpgsqlConnectionStringBuilder(connectionString);
            }
            catch (ArgumentException e)
            {
                // The message names a keyword or a position, never a value.
                throw new PostgresSchemaException("the PostgreSQL connection string (Cinema:Cluster:Postgres) is not valid: " + e.Message, e);
            }
            // Npgsql's own defaults when a part is left out: the user is the OS user, the database is named after it.
            var user = builder.Username ?? Environment.UserName;
            return new Target(builder.Host ?? "(no Host)", builder.Port, builder.Database ?? user, user);
        }

        public string Describe(Exception e) => e switch
        {
            PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } p =>
                $"PostgreSQL at {Host}:{Port} refused user {User} for database {Database}: {p.MessageText}",
            PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } =>
                $"PostgreSQL at {Host}:{Port} has no database {Database}: create it (createdb {Database}), then {InitHint}",
            PostgresException p => $"PostgreSQL at {Host}:{Port} (database {Database}) refused the connection: {p.MessageText}",
            _ => $"cannot reach PostgreSQL at {Host}:{Port} (database {Database}): {Innermost(e).Message}",
        };

        public override string ToString() => $"{Database} at {Host}:{Port}";

        // "Failed to connect to 127.0.0.1:5432" says less than the socket's "Connection refused" beneath it.
        private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);
    }
}
