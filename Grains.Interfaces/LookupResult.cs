namespace Cinema.Grains;

/// <summary>
/// The routable bindings of an address-of-record, best first (q descending, then most recent), and whether the
/// registrar has ever held anything for it (to tell 480 from 404).
/// </summary>
[GenerateSerializer, Immutable, Alias("cinema.LookupResult")]
public sealed record LookupResult(
    [property: Id(0)] bool Known,
    [property: Id(1)] Binding[] Bindings);
