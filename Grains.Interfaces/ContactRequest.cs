namespace Cinema.Grains;

/// <summary>One Contact of a REGISTER, already parsed by the edge.</summary>
/// <param name="Uri">The contact URI as written (with its URI parameters).</param>
/// <param name="Expires">The expires parameter in seconds, or null when absent.</param>
/// <param name="Q">The q parameter in [0, 1], or null.</param>
/// <param name="InstanceId">+sip.instance (RFC 5626 §4.1), or null.</param>
/// <param name="RegId">reg-id (RFC 5626 §4.2), or null.</param>
/// <param name="Parameters">Other header parameters to echo in the 200 OK (";methods=...;audio"), or "".</param>
[GenerateSerializer, Immutable, Alias("cinema.ContactRequest")]
public sealed record ContactRequest(
    [property: Id(0)] string Uri,
    [property: Id(1)] long? Expires,
    [property: Id(2)] double? Q,
    [property: Id(3)] string? InstanceId,
    [property: Id(4)] int? RegId,
    [property: Id(5)] string Parameters);
