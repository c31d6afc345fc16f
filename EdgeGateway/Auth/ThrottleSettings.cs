namespace Cinema.Edge.Auth;

/// <summary>
/// When repeated authentication failures slow down and then block a source address or a user (Cinema:Auth:Throttle:*).
/// Answers get slower from half the threshold on; at the threshold the source (or user) is blocked for
/// <see cref="Block"/>, during which even the right password is refused.
/// </summary>
public sealed record ThrottleSettings
{
    /// <summary>Failures from one address within <see cref="Window"/> that block it.</summary>
    public int SourceFailures { get; init; } = 10;

    /// <summary>Failures for one user (from anywhere) within <see cref="Window"/> that block the user: higher, so
    /// that someone guessing cannot easily lock a real user out.</summary>
    public int UserFailures { get; init; } = 30;

    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(10);

    public TimeSpan Block { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The longest delay added to an answer before blocking starts.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>Addresses and users tracked at once; the oldest are forgotten first, so memory stays bounded.</summary>
    public int Capacity { get; init; } = 100_000;
}
