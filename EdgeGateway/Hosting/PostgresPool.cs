using System.Data.Common;
using Npgsql;

namespace Cinema.Edge.Hosting;

/// <summary>
/// Npgsql pools up to 100 connections per process by default, and PostgreSQL accepts 100 clients by default, so a
/// few silos and gateways under load exhaust the server ("53300: sorry, too many clients already") and grain
/// activations fail. Each process therefore gets a pool sized for its role unless the connection string sets
/// Maximum Pool Size itself.
/// </summary>
public static class PostgresPool
{
    /// <summary>Connections a silo may hold: grain state, reminders and membership share them.</summary>
    public const int SiloConnections = 20;

    /// <summary>Connections a gateway or command-line client may hold: it only reads the membership table.</summary>
    public const int ClientConnections = 4;

    private static readonly string[] _maxPoolKeywords = ["Maximum Pool Size", "MaxPoolSize"];

    public static string Capped(string connectionString, int maxConnections)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (_maxPoolKeywords.Any(given.ContainsKey)) return connectionString;
        return new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = maxConnections }.ConnectionString;
    }
}
