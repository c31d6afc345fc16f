using System.Collections.Concurrent;
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
/// before its commit is on disk (synchronous=FULL). Statements are prepared once per connection and reused: parsing
/// SQL again for every read and write cost more than running it.
/// </summary>
public sealed partial class SqliteGrainStorage : IGrainStorage, IDisposable
{
    private readonly string _connectionString;
    private readonly IGrainStorageSerializer _serializer;
    private readonly ILogger _logger;
    private readonly int _maxBatch;
    private readonly Channel<WriteOp> _writes = Channel.CreateUnbounded<WriteOp>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private readonly ConcurrentBag<StateReader> _readers = [];

    /// <summary>Idle reader connections kept open; more are opened under load and closed when returned.</summary>
    private const int MaxIdleReaders = 8;

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
        var reader = _readers.TryTake(out var idle) ? idle : new StateReader(Open());
        try
        {
            if (reader.TryRead(stateName, grainId.ToString(), out var version, out var payload))
            {
                grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
                grainState.State = _serializer.Deserialize<T>(new BinaryData(payload))!;
                grainState.RecordExists = true;
            }
            else
            {
                grainState.ETag = null;
                grainState.State = Activator.CreateInstance<T>();
                grainState.RecordExists = false;
            }
        }
        catch
        {
            reader.Dispose();
            throw;
        }
        if (_readers.Count < MaxIdleReaders) _readers.Add(reader);
        else reader.Dispose();
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
        using var writer = new StateWriter(connection);
        var batch = new List<WriteOp>(_maxBatch);
        while (await _writes.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _maxBatch && _writes.Reader.TryRead(out var op)) batch.Add(op);
            Commit(connection, writer, batch);
            batch.Clear();
        }
    }

    private void Commit(SqliteConnection connection, StateWriter writer, List<WriteOp> batch)
    {
        var outcomes = new (long Version, Exception? Error)[batch.Count];
        try
        {
            using var tx = connection.BeginTransaction();
            writer.Enlist(tx);
            for (var i = 0; i < batch.Count; i++) outcomes[i] = writer.Apply(batch[i]);
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
        while (_readers.TryTake(out var reader)) reader.Dispose();
        SqliteConnection.ClearAllPools();
    }

    /// <summary>A reader connection with its SELECT prepared once.</summary>
    private sealed class StateReader : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _select;
        private readonly SqliteParameter _state;
        private readonly SqliteParameter _grain;

        public StateReader(SqliteConnection connection)
        {
            _connection = connection;
            _select = connection.CreateCommand();
            _select.CommandText = "SELECT version, payload FROM grain_state WHERE state_name = $s AND grain_id = $g";
            _state = _select.Parameters.Add("$s", SqliteType.Text);
            _grain = _select.Parameters.Add("$g", SqliteType.Text);
        }

        public bool TryRead(string stateName, string grainId, out long version, out byte[] payload)
        {
            _state.Value = stateName;
            _grain.Value = grainId;
            using var reader = _select.ExecuteReader();
            if (!reader.Read())
            {
                (version, payload) = (0, []);
                return false;
            }
            (version, payload) = (reader.GetInt64(0), (byte[])reader.GetValue(1));
            return true;
        }

        public void Dispose()
        {
            _select.Dispose();
            _connection.Dispose();
        }
    }

    /// <summary>
    /// The writer's statements, prepared once. A write succeeds only against the version the grain last saw:
    /// UPDATE ... WHERE version = expected (or an INSERT for a grain never written), so a conflict is one statement
    /// that changes nothing; only then is the stored version read, for the error.
    /// </summary>
    private sealed class StateWriter : IDisposable
    {
        private readonly SqliteCommand _insert;
        private readonly SqliteCommand _update;
        private readonly SqliteCommand _delete;
        private readonly SqliteCommand _version;

        public StateWriter(SqliteConnection connection)
        {
            _insert = Prepare(connection, """
                INSERT INTO grain_state (state_name, grain_id, version, payload, modified) VALUES ($s, $g, 1, $p, $m)
                ON CONFLICT (state_name, grain_id) DO NOTHING
                """, "$s", "$g", "$p", "$m");
            _update = Prepare(connection, """
                UPDATE grain_state SET version = version + 1, payload = $p, modified = $m
                WHERE state_name = $s AND grain_id = $g AND version = $e
                """, "$s", "$g", "$p", "$m", "$e");
            _delete = Prepare(connection, "DELETE FROM grain_state WHERE state_name = $s AND grain_id = $g AND version = $e", "$s", "$g", "$e");
            _version = Prepare(connection, "SELECT version FROM grain_state WHERE state_name = $s AND grain_id = $g", "$s", "$g");
        }

        public void Enlist(SqliteTransaction tx)
        {
            foreach (var command in (SqliteCommand[])[_insert, _update, _delete, _version]) command.Transaction = tx;
        }

        /// <summary>One write inside the batch transaction; a version mismatch fails that write only.</summary>
        public (long, Exception?) Apply(WriteOp op)
        {
            var modified = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
            int changed;
            if (op.Payload is null)
            {
                changed = Run(_delete, op.StateName, op.GrainId, ("$e", op.ExpectedVersion));
                // Clearing a state that was never written is no conflict.
                if (changed == 1 || (op.ExpectedVersion == 0 && Stored(op) == 0)) return (0, null);
                return (0, Conflict(op));
            }
            changed = op.ExpectedVersion == 0
                ? Run(_insert, op.StateName, op.GrainId, ("$p", op.Payload), ("$m", modified))
                : Run(_update, op.StateName, op.GrainId, ("$p", op.Payload), ("$m", modified), ("$e", op.ExpectedVersion));
            return changed == 1 ? (op.ExpectedVersion + 1, null) : (0, Conflict(op));
        }

        private InconsistentStateException Conflict(WriteOp op)
        {
            var stored = Stored(op);
            return new InconsistentStateException(
                $"Version conflict writing {op.StateName} of {op.GrainId}: stored {stored}, expected {op.ExpectedVersion}",
                stored.ToString(CultureInfo.InvariantCulture), op.ExpectedVersion.ToString(CultureInfo.InvariantCulture));
        }

        private long Stored(WriteOp op)
        {
            _version.Parameters["$s"].Value = op.StateName;
            _version.Parameters["$g"].Value = op.GrainId;
            return _version.ExecuteScalar() is long v ? v : 0;
        }

        private static int Run(SqliteCommand command, string stateName, string grainId, params (string Name, object Value)[] values)
        {
            command.Parameters["$s"].Value = stateName;
            command.Parameters["$g"].Value = grainId;
            foreach (var (name, value) in values) command.Parameters[name].Value = value;
            return command.ExecuteNonQuery();
        }

        private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = name });
            return command;
        }

        public void Dispose()
        {
            foreach (var command in (SqliteCommand[])[_insert, _update, _delete, _version]) command.Dispose();
        }
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
