using System.Globalization;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Cinema.Silo.Storage;

/// <summary>
/// Durable grain storage in one SQLite file, for the embedded default (Orleans' ADO.NET providers have no SQLite
/// dialect, so this is written here). One row per grain state with a version number as ETag. Reads use pooled
/// connections (WAL lets them run beside the writer); writes go through one writer that commits queued writes
/// together, so a burst of registrations costs one fsync rather than one each, and no write is acknowledged
/// before its commit is on disk (synchronous=FULL).
/// </summary>
public sealed partial class SqliteGrainStorage : IGrainStorage, IDisposable
{
    private readonly string _connectionString;
    private readonly IGrainStorageSerializer _serializer;
    private readonly ILogger _logger;
    private readonly int _maxBatch;
    private readonly Channel<WriteOp> _writes = Channel.CreateUnbounded<WriteOp>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public SqliteGrainStorage(SqliteStorageOptions options, IGrainStorageSerializer serializer, ILogger<SqliteGrainStorage> logger)
    {
        _serializer = serializer;
        _logger = logger;
        _maxBatch = Math.Max(1, options.MaxBatch);
        var full = Path.GetFullPath(options.DatabasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = full, Pooling = true }.ToString();
        using (var connection = Open())
        {
            Execute(connection, "PRAGMA journal_mode=WAL;");
            Execute(connection, """
                CREATE TABLE IF NOT EXISTS grain_state (
                    state_name TEXT NOT NULL,
                    grain_id   TEXT NOT NULL,
                    version    INTEGER NOT NULL,
                    payload    BLOB NOT NULL,
                    modified   TEXT NOT NULL,
                    PRIMARY KEY (state_name, grain_id)
                ) WITHOUT ROWID;
                """);
        }
        LogOpened(_logger, full);
        _writer = Task.Factory.StartNew(WriteLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, payload FROM grain_state WHERE state_name = $s AND grain_id = $g";
        command.Parameters.AddWithValue("$s", stateName);
        command.Parameters.AddWithValue("$g", grainId.ToString());
        using var reader = command.ExecuteReader();
        if (reader.Read())
        {
            grainState.ETag = reader.GetInt64(0).ToString(CultureInfo.InvariantCulture);
            grainState.State = _serializer.Deserialize<T>(new BinaryData((byte[])reader.GetValue(1)))!;
            grainState.RecordExists = true;
        }
        else
        {
            grainState.ETag = null;
            grainState.State = Activator.CreateInstance<T>();
            grainState.RecordExists = false;
        }
        return Task.CompletedTask;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var payload = _serializer.Serialize(grainState.State).ToArray();
        var version = await Enqueue(new WriteOp(stateName, grainId.ToString(), ParseETag(grainState.ETag), payload));
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await Enqueue(new WriteOp(stateName, grainId.ToString(), ParseETag(grainState.ETag), null));
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }

    private Task<long> Enqueue(WriteOp op)
    {
        if (!_writes.Writer.TryWrite(op)) throw new InvalidOperationException("Grain storage is closed.");
        return op.Done.Task;
    }

    private static long ParseETag(string? etag) => etag is null ? 0 : long.Parse(etag, CultureInfo.InvariantCulture);

    private async Task WriteLoop()
    {
        using var connection = Open();
        Execute(connection, "PRAGMA synchronous=FULL;");
        var batch = new List<WriteOp>(_maxBatch);
        while (await _writes.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _maxBatch && _writes.Reader.TryRead(out var op)) batch.Add(op);
            Commit(connection, batch);
            batch.Clear();
        }
    }

    private void Commit(SqliteConnection connection, List<WriteOp> batch)
    {
        var outcomes = new (long Version, Exception? Error)[batch.Count];
        try
        {
            using var tx = connection.BeginTransaction();
            for (var i = 0; i < batch.Count; i++) outcomes[i] = Apply(connection, tx, batch[i]);
            tx.Commit();
        }
        catch (SqliteException e)
        {
            LogCommitFailed(_logger, e, batch.Count);
            foreach (var op in batch) op.Done.TrySetException(e);
            return;
        }
        for (var i = 0; i < batch.Count; i++)
        {
            if (outcomes[i].Error is { } error) batch[i].Done.TrySetException(error);
            else batch[i].Done.TrySetResult(outcomes[i].Version);
        }
    }

    /// <summary>One write inside the batch transaction; a version mismatch fails that write only.</summary>
    private static (long, Exception?) Apply(SqliteConnection connection, SqliteTransaction tx, WriteOp op)
    {
        using var read = connection.CreateCommand();
        read.Transaction = tx;
        read.CommandText = "SELECT version FROM grain_state WHERE state_name = $s AND grain_id = $g";
        read.Parameters.AddWithValue("$s", op.StateName);
        read.Parameters.AddWithValue("$g", op.GrainId);
        var stored = read.ExecuteScalar() is long v ? v : 0;
        if (stored != op.ExpectedVersion)
        {
            return (0, new InconsistentStateException(
                $"Version conflict writing {op.StateName} of {op.GrainId}: stored {stored}, expected {op.ExpectedVersion}",
                stored.ToString(CultureInfo.InvariantCulture), op.ExpectedVersion.ToString(CultureInfo.InvariantCulture)));
        }
        using var write = connection.CreateCommand();
        write.Transaction = tx;
        write.Parameters.AddWithValue("$s", op.StateName);
        write.Parameters.AddWithValue("$g", op.GrainId);
        if (op.Payload is null)
        {
            write.CommandText = "DELETE FROM grain_state WHERE state_name = $s AND grain_id = $g";
            write.ExecuteNonQuery();
            return (0, null);
        }
        write.CommandText = """
            INSERT INTO grain_state (state_name, grain_id, version, payload, modified) VALUES ($s, $g, $v, $p, $m)
            ON CONFLICT (state_name, grain_id) DO UPDATE SET version = $v, payload = $p, modified = $m
            """;
        write.Parameters.AddWithValue("$v", stored + 1);
        write.Parameters.AddWithValue("$p", op.Payload);
        write.Parameters.AddWithValue("$m", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        write.ExecuteNonQuery();
        return (stored + 1, null);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout=5000;");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _writes.Writer.TryComplete();
        _writer.Wait(TimeSpan.FromSeconds(10));
        SqliteConnection.ClearAllPools();
    }

    private sealed record WriteOp(string StateName, string GrainId, long ExpectedVersion, byte[]? Payload)
    {
        public TaskCompletionSource<long> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Grain storage: SQLite database {Path}")]
    private static partial void LogOpened(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Grain storage: a commit of {Count} write(s) failed")]
    private static partial void LogCommitFailed(ILogger logger, Exception exception, int count);
}
