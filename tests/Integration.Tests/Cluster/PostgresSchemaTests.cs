using System.Net;
using Cinema.Grains;
using Cinema.Integration.Tests.Infrastructure;
using Cinema.Silo.Hosting;
using Cinema.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Runtime;
using Orleans.Storage;

namespace Cinema.Integration.Tests.Cluster;

/// <summary>One PostgreSQL server for the class, started only where PostgreSQL is installed.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresServer? _server;

    /// <summary>The server, or the test is skipped saying how to install PostgreSQL.</summary>
    public PostgresServer Server
    {
        get
        {
            PostgresServer.RequireInstalled();
            return _server!;
        }
    }

    public async ValueTask InitializeAsync()
    {
        if (PostgresServer.Unavailable is null) _server = await PostgresServer.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}

public sealed class PostgresSchemaTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    // Every query key the 10.4 providers read: clustering (CleanupDefunctSiloEntryKey is its optional one),
    // persistence (DeleteStorageKey because Cinema deletes cleared state), reminders.
    private static readonly string[] ProviderQueryKeys =
    [
        "GatewaysQueryKey", "MembershipReadRowKey", "MembershipReadAllKey", "InsertMembershipVersionKey",
        "UpdateIAmAlivetimeKey", "InsertMembershipKey", "UpdateMembershipKey", "DeleteMembershipTableEntriesKey",
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey",
        "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey",
        "ReadReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "ReadReminderRowKey", "UpsertReminderRowKey",
        "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Db_init_twice_leaves_one_current_schema_with_every_provider_query()
    {
        var db = await postgres.Server.CreateDatabaseAsync("init_twice");

        await PostgresSchema.InitializeAsync(db, Cancel);
        await PostgresSchema.InitializeAsync(db, Cancel);

        Assert.Null(await PostgresSchema.CheckAsync(db, Cancel));
        var keys = await QueryAsync(db, "SELECT querykey FROM orleansquery ORDER BY 1", r => r.GetString(0));
        Assert.Equal(ProviderQueryKeys.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
        Assert.Equal([1L], await QueryAsync(db, "SELECT count(*) FROM cinema_schema", r => r.GetInt64(0)));
    }

    [Fact]
    public async Task Check_reports_a_missing_schema_until_db_init()
    {
        var db = await postgres.Server.CreateDatabaseAsync("missing");

        var message = await PostgresSchema.CheckAsync(db, Cancel);

        Assert.NotNull(message);
        Assert.Contains("has no Cinema schema", message, StringComparison.Ordinal);
        Assert.Contains("db init", message, StringComparison.Ordinal);
        await PostgresSchema.InitializeAsync(db, Cancel);
        Assert.Null(await PostgresSchema.CheckAsync(db, Cancel));
    }

    [Fact]
    public async Task Check_reports_an_older_schema_version_and_db_init_brings_it_up_to_date()
    {
        var db = await postgres.Server.CreateDatabaseAsync("older");
        await PostgresSchema.InitializeAsync(db, Cancel);
        await QueryAsync(db, "UPDATE cinema_schema SET version = 0 RETURNING version", r => r.GetInt32(0));

        var message = await PostgresSchema.CheckAsync(db, Cancel);

        Assert.Contains($"schema version 0, this release needs {PostgresSchema.CurrentVersion}: run `dotnet run --project Silo -- db init",
            message, StringComparison.Ordinal);
        await PostgresSchema.InitializeAsync(db, Cancel);
        Assert.Null(await PostgresSchema.CheckAsync(db, Cancel));
    }

    [Fact]
    public async Task Db_init_refuses_to_rewrite_a_newer_schema()
    {
        var db = await postgres.Server.CreateDatabaseAsync("newer");
        await PostgresSchema.InitializeAsync(db, Cancel);
        await QueryAsync(db, "UPDATE cinema_schema SET version = 99 RETURNING version", r => r.GetInt32(0));

        var e = await Assert.ThrowsAsync<PostgresSchemaException>(() => PostgresSchema.InitializeAsync(db, Cancel));

        Assert.Contains("newer than this release", e.Message, StringComparison.Ordinal);
        Assert.Contains("newer than this release", await PostgresSchema.CheckAsync(db, Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_and_init_name_an_unreachable_server_but_not_the_password()
    {
        // A loopback port nobody listens on: refused at once, no PostgreSQL needed.
        var port = FreePorts.Next();
        const string password = "not-to-be-shown-7f3a";
        var connectionString = $"Host=127.0.0.1;Port={port};Database=cinema;Username=cinema;Password={password};Timeout=5";

        var message = await PostgresSchema.CheckAsync(connectionString, Cancel);
        var e = await Assert.ThrowsAsync<PostgresSchemaException>(() => PostgresSchema.InitializeAsync(connectionString, Cancel));

        foreach (var text in new[] { message, e.Message })
        {
            Assert.NotNull(text);
            Assert.Contains($"cannot reach PostgreSQL at 127.0.0.1:{port}", text, StringComparison.Ordinal);
            Assert.Contains("database cinema", text, StringComparison.Ordinal);
            Assert.DoesNotContain(password, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Two_silos_share_membership_grain_state_and_reminders_through_postgres()
    {
        var db = await postgres.Server.CreateDatabaseAsync("cluster");
        await PostgresSchema.InitializeAsync(db, Cancel);
        await using var first = await TestSilo.StartAsync(db);
        await using var second = await TestSilo.StartAsync(db);

        // Membership: both silos active in our table, and in Orleans' own view of the cluster.
        Assert.True(await Deadline.WaitAsync(async () => await ActiveSilosAsync(db) == 2, TimeSpan.FromSeconds(20)),
            $"{await ActiveSilosAsync(db)} active silos in cluster_silo");
        var hosts = await first.GrainFactory.GetGrain<IManagementGrain>(0).GetHosts(true, Cancel);
        Assert.Equal(2, hosts.Count);

        // A reminder, stored in grain_reminder, fires and its tick is persisted.
        var reminded = first.GrainFactory.GetGrain<IProbeGrain>("reminded");
        await reminded.StartReminderAsync(TimeSpan.FromSeconds(1));
        Assert.Equal([1L], await QueryAsync(db, "SELECT count(*) FROM grain_reminder", r => r.GetInt64(0)));
        Assert.True(await Deadline.WaitAsync(async () => (await reminded.ReadAsync()).Reminded > 0, TimeSpan.FromSeconds(20),
            TimeSpan.FromMilliseconds(250)), "the reminder did not fire");

        // Grain state written on one silo is read on the other after the first has gone.
        var probe = first.GrainFactory.GetGrain<IProbeGrain>("durable");
        await probe.WriteAsync("written before the silo stopped");
        var home = await probe.SiloAsync();
        var (owner, survivor) = home == first.Identity ? (first, second) : (second, first);
        Assert.Equal(home, owner.Identity);
        await owner.StopAsync();

        var again = survivor.GrainFactory.GetGrain<IProbeGrain>("durable");
        Assert.Equal(survivor.Identity, await again.SiloAsync());
        var state = await again.ReadAsync();
        Assert.Equal("written before the silo stopped", state.Value);
        Assert.Equal("written before the silo stopped", state.DefaultStorageValue);
        Assert.Equal([2L], await QueryAsync(db, "SELECT count(*) FROM grain_state WHERE grain_key = 'durable'", r => r.GetInt64(0)));
    }

    [Fact]
    public async Task Writes_based_on_a_stale_version_are_refused_by_membership_grain_storage_and_reminders()
    {
        var db = await postgres.Server.CreateDatabaseAsync("versions");
        await PostgresSchema.InitializeAsync(db, Cancel);
        await using var silo = await TestSilo.StartAsync(db);

        // Membership: a change must be based on the latest table version. The extra silo is entered as Dead, so
        // that the live one leaves it alone.
        var membership = silo.Services.GetRequiredService<IMembershipTable>();
        var read = (await membership.ReadAllAsync(Cancel)).Version;
        var ghost = new MembershipEntry
        {
            SiloAddress = SiloAddress.New(IPAddress.Loopback, 1, 1), SiloName = "ghost", HostName = "ghost",
            Status = SiloStatus.Dead, ProxyPort = 0, StartTime = DateTime.UtcNow, IAmAliveTime = DateTime.UtcNow,
        };
        Assert.True(await membership.InsertRowAsync(ghost, read.Next(), Cancel));
        Assert.False(await membership.InsertRowAsync(ghost, (await membership.ReadAllAsync(Cancel)).Version.Next(), Cancel), "the same silo twice");
        var other = new MembershipEntry
        {
            SiloAddress = SiloAddress.New(IPAddress.Loopback, 2, 1), SiloName = "other", HostName = "other",
            Status = SiloStatus.Dead, ProxyPort = 0, StartTime = DateTime.UtcNow, IAmAliveTime = DateTime.UtcNow,
        };
        Assert.False(await membership.InsertRowAsync(other, read.Next(), Cancel), "an insert based on a stale version");
        Assert.False(await membership.UpdateRowAsync(ghost, read.VersionEtag, read.Next(), Cancel), "an update based on a stale version");
        // The provider gives every row the table's ETag, and sends an update to the database only when they match.
        var fresh = await membership.ReadAllAsync(Cancel);
        Assert.True(await membership.UpdateRowAsync(ghost, fresh.Version.VersionEtag, fresh.Version.Next(), Cancel));
        // Dead silos quiet since before the cut-off go, the live one stays, and that is no membership change.
        var beforeCleanup = (await membership.ReadAllAsync(Cancel)).Version.Version;
        await membership.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddMinutes(1), Cancel);
        var afterCleanup = await membership.ReadAllAsync(Cancel);
        Assert.Equal(beforeCleanup, afterCleanup.Version.Version);
        Assert.Equal([silo.Identity], afterCleanup.Members.Select(m => m.Item1.SiloAddress.ToString()));

        // Grain state: the ETag is the row's version; a write or a clear from an older copy is a conflict.
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var grain = GrainId.Create("probe", "versions");
        var current = new GrainState<ProbeState>(new ProbeState { Value = "one" });
        await storage.WriteStateAsync("probe", grain, current);
        var stale = new GrainState<ProbeState>(new ProbeState { Value = "two" }) { ETag = current.ETag };
        await storage.WriteStateAsync("probe", grain, current);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("probe", grain, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            storage.WriteStateAsync("probe", grain, new GrainState<ProbeState>(new ProbeState { Value = "first write of another activation" })));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("probe", grain, stale));
        await storage.ClearStateAsync("probe", grain, current);
        var cleared = new GrainState<ProbeState>();
        await storage.ReadStateAsync("probe", grain, cleared);
        Assert.False(cleared.RecordExists);
        Assert.Null(cleared.ETag);

        // Reminders: the ETag moves on with every upsert, and only the current one removes the reminder.
        var reminders = silo.Services.GetRequiredService<IReminderTable>();
        var entry = new ReminderEntry { GrainId = grain, ReminderName = "r", StartAt = DateTime.UtcNow, Period = TimeSpan.FromMinutes(5) };
        var firstTag = await reminders.UpsertRow(entry, Cancel);
        var secondTag = await reminders.UpsertRow(entry, Cancel);
        Assert.NotEqual(firstTag, secondTag);
        var hash = grain.GetUniformHashCode();
        Assert.Single((await reminders.ReadRows(hash - 1, hash, Cancel)).Reminders);
        Assert.Empty((await reminders.ReadRows(hash, hash - 1, Cancel)).Reminders);
        Assert.Single((await reminders.ReadRows(hash, hash, Cancel)).Reminders);
        Assert.False(await reminders.RemoveRow(grain, "r", firstTag!, Cancel));
        Assert.True(await reminders.RemoveRow(grain, "r", secondTag!, Cancel));
        Assert.Null(await reminders.ReadRow(grain, "r", Cancel));
    }

    private static async Task<long> ActiveSilosAsync(string db) =>
        (await QueryAsync(db, "SELECT count(*) FROM cluster_silo WHERE status = 3", r => r.GetInt64(0))).Single();

    private static async Task<List<T>> QueryAsync<T>(string connectionString, string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        var rows = new List<T>();
        while (await reader.ReadAsync(Cancel)) rows.Add(read(reader));
        return rows;
    }

    /// <summary>An in-process silo configured as cluster mode configures it, on loopback ports of its own.</summary>
    private sealed class TestSilo : IAsyncDisposable
    {
        private readonly IHost _host;
        private bool _stopped;

        private TestSilo(IHost host)
        {
            _host = host;
            Identity = host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToString();
        }

        public string Identity { get; }

        public IServiceProvider Services => _host.Services;

        public IGrainFactory GrainFactory => Services.GetRequiredService<IGrainFactory>();

        public static async Task<TestSilo> StartAsync(string connectionString)
        {
            // No defaults: the Silo project's appsettings.json lands beside the tests and is not for these silos.
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
            builder.UseOrleans(silo =>
            {
                ClusterStorage.Configure(silo, connectionString);
                silo.ConfigureEndpoints(IPAddress.Loopback, FreePorts.Next(), FreePorts.Next());
            });
            var host = builder.Build();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await host.StartAsync(timeout.Token);
            return new TestSilo(host);
        }

        public async Task StopAsync()
        {
            _stopped = true;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await _host.StopAsync(timeout.Token);
        }

        public async ValueTask DisposeAsync()
        {
            if (!_stopped) await StopAsync();
            _host.Dispose();
        }
    }
}
