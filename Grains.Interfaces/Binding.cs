namespace Cinema.Grains;

/// <summary>A registered contact of an address-of-record (RFC 3261 §10.3), with what routing needs to reach it.</summary>
[GenerateSerializer, Immutable, Alias("cinema.Binding")]
public sealed record Binding(
    [property: Id(0)] string Uri,
    [property: Id(1)] DateTimeOffset ExpiresAt,
    [property: Id(2)] double? Q,
    [property: Id(3)] string? InstanceId,
    [property: Id(4)] int? RegId,
    [property: Id(5)] string CallId,
    [property: Id(6)] uint CSeq,
    [property: Id(7)] string[] Path,
    [property: Id(8)] BindingSource Source,
    [property: Id(9)] DateTimeOffset UpdatedAt,
    [property: Id(10)] string Parameters)
{
    /// <summary>Whole seconds until expiry at <paramref name="now"/> (never negative).</summary>
    public long RemainingSeconds(DateTimeOffset now) => Math.Max(0, (long)Math.Ceiling((ExpiresAt - now).TotalSeconds));
}
