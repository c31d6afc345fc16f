using Orleans.Concurrency;

namespace Cinema.Grains;

/// <summary>A user account ("alice@example.com"; host lower-cased).</summary>
[Alias("cinema.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>True when the account has been created (and not removed).</summary>
    [ReadOnly, Alias("Exists")]
    Task<bool> Exists();
}
