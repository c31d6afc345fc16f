using Cinema.Grains;

namespace Cinema.Integration.Tests.Cluster;

/// <summary>A grain for cluster tests: state in the named and the default storage, its silo, and a reminder.</summary>
[Alias("cinema.tests.IProbeGrain")]
public interface IProbeGrain : IGrainWithStringKey
{
    [Alias("Write")]
    Task WriteAsync(string value);

    [Alias("Read")]
    Task<ProbeState> ReadAsync();

    [Alias("Silo")]
    Task<string> SiloAsync();

    [Alias("StartReminder")]
    Task StartReminderAsync(TimeSpan due);
}

[GenerateSerializer, Alias("cinema.tests.ProbeState")]
public sealed class ProbeState
{
    [Id(0)] public string? Value { get; set; }

    [Id(1)] public string? DefaultStorageValue { get; set; }

    [Id(2)] public int Reminded { get; set; }
}

public sealed class ProbeGrain(
    [PersistentState("probe", StorageNames.Default)] IPersistentState<ProbeState> named,
    [PersistentState("probe-default")] IPersistentState<ProbeState> unnamed) : Grain, IProbeGrain, IRemindable
{
    public async Task WriteAsync(string value)
    {
        named.State.Value = value;
        await named.WriteStateAsync();
        unnamed.State.DefaultStorageValue = value;
        await unnamed.WriteStateAsync();
    }

    public Task<ProbeState> ReadAsync() => Task.FromResult(new ProbeState
    {
        Value = named.State.Value,
        DefaultStorageValue = unnamed.State.DefaultStorageValue,
        Reminded = named.State.Reminded,
    });

    public Task<string> SiloAsync() => Task.FromResult(RuntimeIdentity);

    // The shortest period Orleans accepts by default is a minute; the first tick comes after `due`.
    public Task StartReminderAsync(TimeSpan due) => this.RegisterOrUpdateReminder("probe", due, TimeSpan.FromMinutes(1));

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        named.State.Reminded++;
        await named.WriteStateAsync();
    }
}
