namespace Cinema.Grains;

/// <summary>
/// A REGISTER for one address-of-record, as the registrar needs it (RFC 3261 §10.3). No Contacts and no
/// wildcard is a query.
/// </summary>
/// <param name="Expires">The Expires header in seconds, or null.</param>
/// <param name="Path">The Path header values in order (RFC 3327), each a name-addr.</param>
[GenerateSerializer, Immutable, Alias("cinema.RegisterRequest")]
public sealed record RegisterRequest(
    [property: Id(0)] string CallId,
    [property: Id(1)] uint CSeq,
    [property: Id(2)] ContactRequest[] Contacts,
    [property: Id(3)] bool Wildcard,
    [property: Id(4)] long? Expires,
    [property: Id(5)] string[] Path,
    [property: Id(6)] BindingSource Source);
