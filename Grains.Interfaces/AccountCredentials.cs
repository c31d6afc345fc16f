namespace Cinema.Grains;

/// <summary>
/// What an account is created or re-keyed with: a display name and the digest HA1 hashes of its password, keyed
/// "realm/algorithm" (for example "example.com/SHA-256"), computed by the caller so the password never travels.
/// </summary>
[GenerateSerializer, Immutable, Alias("cinema.AccountCredentials")]
public sealed record AccountCredentials(
    [property: Id(0)] string? DisplayName,
    [property: Id(1)] IReadOnlyDictionary<string, string> Ha1);
