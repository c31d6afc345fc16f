using Orleans.Concurrency;

namespace Cinema.Grains;

/// <summary>The accounts of one domain (key: the domain, lower-case), for listing; kept by the account grains.</summary>
[Alias("cinema.IAccountDirectoryGrain")]
public interface IAccountDirectoryGrain : IGrainWithStringKey
{
    [Alias("Add")]
    Task Add(string address);

    [Alias("Remove")]
    Task Remove(string address);

    /// <summary>Addresses of the domain's accounts, sorted.</summary>
    [ReadOnly, Alias("List")]
    Task<string[]> List();
}
