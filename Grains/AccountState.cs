namespace Cinema.Grains;

/// <summary>The persisted account of one address-of-record. Only digest HA1 values are kept, never a password.</summary>
[GenerateSerializer, Alias("cinema.AccountState")]
public sealed class AccountState
{
    [Id(0)]
    public string? DisplayName { get; set; }

    /// <summary>HA1 (lower-case hex) keyed "realm/algorithm", the algorithm by its registry token ("SHA-256").</summary>
    [Id(1)]
    public Dictionary<string, string> Ha1 { get; set; } = [];

    [Id(2)]
    public bool Enabled { get; set; }

    [Id(3)]
    public DateTimeOffset Created { get; set; }

    [Id(4)]
    public DateTimeOffset Changed { get; set; }
}
