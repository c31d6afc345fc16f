using Cinema.Edge.Hosting;
using Npgsql;

namespace Cinema.Edge.Tests;

/// <summary>A few silos and gateways must fit in PostgreSQL's default 100 connections.</summary>
public class PostgresPoolTests
{
    [Fact]
    public void A_connection_string_without_a_pool_size_gets_the_role_s_cap()
    {
        var capped = PostgresPool.Capped("Host=db;Username=cinema;Database=cinema", PostgresPool.SiloConnections);
        var parsed = new NpgsqlConnectionStringBuilder(capped);
        Assert.Equal(PostgresPool.SiloConnections, parsed.MaxPoolSize);
        Assert.Equal("db", parsed.Host);
        Assert.Equal("cinema", parsed.Database);
    }

    [Theory]
    [InlineData("Host=db;Maximum Pool Size=50")]
    [InlineData("Host=db;maximum pool size=50")]
    [InlineData("Host=db;MaxPoolSize=50")]
    public void A_pool_size_the_operator_set_is_kept(string connectionString) =>
        Assert.Equal(50, new NpgsqlConnectionStringBuilder(PostgresPool.Capped(connectionString, PostgresPool.ClientConnections)).MaxPoolSize);

    [Fact]
    public void Three_silos_and_two_gateways_stay_under_postgres_default_limit() =>
        Assert.True(3 * PostgresPool.SiloConnections + 2 * PostgresPool.ClientConnections < 100);
}
