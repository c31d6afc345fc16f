using Orleans.Concurrency;

namespace Cinema.Grains;

/// <summary>The location service for one address-of-record ("alice@example.com"; host lower-cased).</summary>
[Alias("cinema.IRegistrarGrain")]
public interface IRegistrarGrain : IGrainWithStringKey
{
    /// <summary>Adds, refreshes, removes or queries bindings; the answer is given only once the change is durable.</summary>
    [Alias("Register")]
    Task<RegisterResult> Register(RegisterRequest request);

    /// <summary>The bindings to route to now; expired ones are never returned.</summary>
    [Alias("Lookup"), ReadOnly]
    Task<LookupResult> Lookup();

    /// <summary>Removes every binding (administration).</summary>
    [Alias("Clear")]
    Task Clear();
}
