namespace Cinema.Sip.Auth;

/// <summary>Result of <see cref="NonceService.Validate"/>; <see cref="IssuedAt"/> is meaningful unless the nonce is invalid.</summary>
/// <param name="Status">Whether the nonce is valid, stale or invalid.</param>
/// <param name="IssuedAt">When the nonce was issued, as written inside it.</param>
public readonly record struct NonceValidation(NonceStatus Status, DateTimeOffset IssuedAt);
