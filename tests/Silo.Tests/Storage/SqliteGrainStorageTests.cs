using System.Text.Json;
using Cinema.Silo.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;
using Orleans.Storage;

namespace Cinema.Silo.Tests.Storage;

/// <summary>
/// The embedded default's durable storage: what a grain wrote is read back after a restart, and a write based on
/// a state another activation has since changed is refused rather than silently overwriting it.
/// </summary>
public sealed class SqliteGrainStorageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cinema-sqlite-").FullName;

    private SqliteGrainStorage Open() => new(
        new SqliteStorageOptions { DatabasePath = Path.Combine(_dir, "cinema.db") }, new JsonStorageSerializer(), NullLogger<SqliteGrainStorage>.Instance);

    private static readonly GrainId Alice = GrainId.Create("registrar", "alice@example.com");

    [Fact]
    public async Task A_written_state_is_read_back_after_a_restart()
    {
        using (var storage = Open())
        {
            var state = new TestState<Bindings> { State = new Bindings(["sip:alice@192.0.2.1"]) };
            await storage.WriteStateAsync("registrar", Alice, state);
            state.State = new Bindings(["sip:alice@192.0.2.1", "sip:alice@192.0.2.2"]);
            await storage.WriteStateAsync("registrar", Alice, state);
        }
        using var reopened = Open();
        var read = new TestState<Bindings>();
        await reopened.ReadStateAsync("registrar", Alice, read);
        Assert.True(read.RecordExists);
        Assert.Equal(["sip:alice@192.0.2.1", "sip:alice@192.0.2.2"], read.State.Contacts);
        Assert.Equal("2", read.ETag);
    }

    [Fact]
    public async Task An_unknown_grain_reads_as_a_new_empty_state()
    {
        using var storage = Open();
        var read = new TestState<Bindings>();
        await storage.ReadStateAsync("registrar", Alice, read);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.Empty(read.State.Contacts);
    }

    [Fact]
    public async Task A_write_from_a_stale_copy_is_refused_and_changes_nothing()
    {
        using var storage = Open();
        var first = new TestState<Bindings> { State = new Bindings(["sip:one@192.0.2.1"]) };
        await storage.WriteStateAsync("registrar", Alice, first);
        var stale = new TestState<Bindings> { State = new Bindings(["sip:stale@192.0.2.9"]), ETag = first.ETag };
        first.State = new Bindings(["sip:two@192.0.2.2"]);
        await storage.WriteStateAsync("registrar", Alice, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("registrar", Alice, stale));
        var brandNew = new TestState<Bindings> { State = new Bindings(["sip:new@192.0.2.3"]) };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("registrar", Alice, brandNew));
        var read = new TestState<Bindings>();
        await storage.ReadStateAsync("registrar", Alice, read);
        Assert.Equal(["sip:two@192.0.2.2"], read.State.Contacts);
    }

    [Fact]
    public async Task Clearing_removes_the_state_and_a_stale_clear_is_refused()
    {
        using var storage = Open();
        var state = new TestState<Bindings> { State = new Bindings(["sip:alice@192.0.2.1"]) };
        await storage.WriteStateAsync("registrar", Alice, state);
        var stale = new TestState<Bindings> { ETag = state.ETag };
        await storage.WriteStateAsync("registrar", Alice, state);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("registrar", Alice, stale));

        await storage.ClearStateAsync("registrar", Alice, state);
        var read = new TestState<Bindings>();
        await storage.ReadStateAsync("registrar", Alice, read);
        Assert.False(read.RecordExists);
        // Clearing what was never written is no conflict, and writing after a clear starts again.
        await storage.ClearStateAsync("registrar", GrainId.Create("registrar", "nobody@example.com"), new TestState<Bindings>());
        await storage.WriteStateAsync("registrar", Alice, state);
        Assert.Equal("1", state.ETag);
    }

    [Fact]
    public async Task Concurrent_writes_of_many_grains_are_all_kept()
    {
        using (var storage = Open())
        {
            await Task.WhenAll(Enumerable.Range(0, 500).Select(i =>
                storage.WriteStateAsync("registrar", GrainId.Create("registrar", $"u{i}@example.com"), new TestState<Bindings> { State = new Bindings([$"sip:u{i}@192.0.2.1"]) })));
        }
        using var reopened = Open();
        for (var i = 0; i < 500; i++)
        {
            var read = new TestState<Bindings>();
            await reopened.ReadStateAsync("registrar", GrainId.Create("registrar", $"u{i}@example.com"), read);
            Assert.Equal([$"sip:u{i}@192.0.2.1"], read.State.Contacts);
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public sealed record Bindings(string[] Contacts)
    {
        public Bindings() : this([]) { }
    }

    private sealed class TestState<T> : IGrainState<T> where T : new()
    {
        [System.Diagnostics.CodeAnalysis.AllowNull]
        public T State { get; set; } = new();

        public string? ETag { get; set; }

        public bool RecordExists { get; set; }
    }

    private sealed class JsonStorageSerializer : IGrainStorageSerializer
    {
        public BinaryData Serialize<T>(T? input) => BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(input));

        public T Deserialize<T>(BinaryData input) => JsonSerializer.Deserialize<T>(input.ToMemory().Span)!;
    }
}
