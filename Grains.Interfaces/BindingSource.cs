namespace Cinema.Grains;

/// <summary>
/// Where a registration came from: the transport and address of the phone as the edge saw them, and which
/// gateway holds its TCP/TLS connection (RFC 5626 flows), so calls to it can leave through that gateway.
/// </summary>
[GenerateSerializer, Immutable, Alias("cinema.BindingSource")]
public sealed record BindingSource(
    [property: Id(0)] string Transport,
    [property: Id(1)] string RemoteAddress,
    [property: Id(2)] string? GatewayId,
    [property: Id(3)] long ConnectionId);
