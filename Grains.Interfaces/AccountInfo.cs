namespace Cinema.Grains;

/// <summary>An account as shown to operators: no secrets.</summary>
[GenerateSerializer, Immutable, Alias("cinema.AccountInfo")]
public sealed record AccountInfo(
    [property: Id(0)] string Address,
    [property: Id(1)] string? DisplayName,
    [property: Id(2)] bool Enabled,
    [property: Id(3)] DateTimeOffset Created,
    [property: Id(4)] DateTimeOffset Changed);
