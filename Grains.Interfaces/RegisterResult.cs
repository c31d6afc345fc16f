namespace Cinema.Grains;

/// <summary>What a REGISTER did: a status, a reason for the reason phrase, and the bindings now current.</summary>
[GenerateSerializer, Immutable, Alias("cinema.RegisterResult")]
public sealed record RegisterResult(
    [property: Id(0)] RegisterStatus Status,
    [property: Id(1)] string? Reason,
    [property: Id(2)] Binding[] Bindings,
    [property: Id(3)] long? MinExpires);
