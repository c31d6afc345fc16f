using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Cinema.Sip.Auth;

/// <summary>
/// Issues and checks stateless, unforgeable nonces:
/// base64url(timestamp | random | HMAC-SHA256(secret, timestamp | random | realm)).
/// </summary>
/// <remarks>
/// RFC 7616 §3.3 suggests a nonce built from a timestamp and a private key so the server can check it without
/// keeping state; the HMAC makes it unforgeable and binds it to the realm (§5.4 and §5.5 on replay and nonce reuse).
/// Every gateway that shares the secret accepts the nonces of the others. Replays of a still-valid nonce are the
/// job of <see cref="NonceCountTracker"/>.
/// </remarks>
public sealed class NonceService
{
    /// <summary>Shortest accepted secret; 32 random bytes (the HMAC-SHA256 output size) is the better choice.</summary>
    public const int MinimumSecretLength = 16;

    private const int TimestampLength = 8;
    private const int RandomLength = 16;
    private const int MacLength = HMACSHA256.HashSizeInBytes;
    private const int NonceLength = TimestampLength + RandomLength + MacLength;

    private static readonly int EncodedLength = Base64Url.GetEncodedLength(NonceLength);

    private readonly byte[] _secret;
    private readonly TimeProvider _timeProvider;

    /// <param name="secret">Server secret shared by all gateways; copied.</param>
    /// <param name="timeProvider">Clock; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="lifetime">How long a nonce stays fresh; <see cref="DefaultLifetime"/> when null.</param>
    public NonceService(byte[] secret, TimeProvider? timeProvider = null, TimeSpan? lifetime = null)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length < MinimumSecretLength)
        {
            throw new ArgumentException($"The nonce secret must be at least {MinimumSecretLength} bytes.", nameof(secret));
        }

        Lifetime = lifetime ?? DefaultLifetime;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Lifetime, TimeSpan.Zero, nameof(lifetime));
        _secret = (byte[])secret.Clone();
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Five minutes: long enough for a user to type a password, short enough to limit replays.</summary>
    public static TimeSpan DefaultLifetime { get; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a nonce is fresh.</summary>
    public TimeSpan Lifetime { get; }

    /// <summary>
    /// How far in the future an issue time may lie and still be accepted, for gateways whose clocks differ a little.
    /// </summary>
    public TimeSpan ClockSkewTolerance { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Issues a nonce bound to <paramref name="realm"/>.</summary>
    public string Issue(string realm)
    {
        ArgumentNullException.ThrowIfNull(realm);
        Span<byte> nonce = stackalloc byte[NonceLength];
        BinaryPrimitives.WriteInt64BigEndian(nonce, _timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        RandomNumberGenerator.Fill(nonce.Slice(TimestampLength, RandomLength));
        ComputeMac(nonce[..(TimestampLength + RandomLength)], realm, nonce[(TimestampLength + RandomLength)..]);
        return Base64Url.EncodeToString(nonce);
    }

    /// <summary>Checks that <paramref name="nonce"/> was issued for <paramref name="realm"/> and is still fresh. Never throws on bad input.</summary>
    public NonceValidation Validate(string? nonce, string realm)
    {
        ArgumentNullException.ThrowIfNull(realm);
        var invalid = new NonceValidation(NonceStatus.Invalid, default);
        if (nonce is null || nonce.Length != EncodedLength)
        {
            return invalid;
        }

        // The OperationStatus overload: TryDecodeFromChars throws on characters outside the alphabet.
        Span<byte> decoded = stackalloc byte[NonceLength];
        if (Base64Url.DecodeFromChars(nonce, decoded, out _, out var written) != OperationStatus.Done || written != NonceLength)
        {
            return invalid;
        }

        // Only the canonical spelling is accepted, so one nonce has one string: the replay tracker keys on it.
        if (!string.Equals(Base64Url.EncodeToString(decoded), nonce, StringComparison.Ordinal))
        {
            return invalid;
        }

        Span<byte> expectedMac = stackalloc byte[MacLength];
        ComputeMac(decoded[..(TimestampLength + RandomLength)], realm, expectedMac);
        if (!CryptographicOperations.FixedTimeEquals(expectedMac, decoded[(TimestampLength + RandomLength)..]))
        {
            return invalid;
        }

        var milliseconds = BinaryPrimitives.ReadInt64BigEndian(decoded);
        if (milliseconds < 0 || milliseconds > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            return invalid;
        }

        var issuedAt = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        var age = _timeProvider.GetUtcNow() - issuedAt;
        if (age < -ClockSkewTolerance)
        {
            return invalid;
        }

        return new NonceValidation(age > Lifetime ? NonceStatus.Stale : NonceStatus.Valid, issuedAt);
    }

    private void ComputeMac(ReadOnlySpan<byte> timestampAndRandom, string realm, Span<byte> destination)
    {
        // The realm goes last: the other fields have fixed lengths, so the concatenation is unambiguous.
        var realmBytes = Encoding.UTF8.GetBytes(realm);
        var input = new byte[timestampAndRandom.Length + realmBytes.Length];
        timestampAndRandom.CopyTo(input);
        realmBytes.CopyTo(input.AsSpan(timestampAndRandom.Length));
        HMACSHA256.HashData(_secret, input, destination);
    }
}
