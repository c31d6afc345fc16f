namespace Cinema.Grains;

/// <summary>The persisted account addresses of one domain.</summary>
[GenerateSerializer, Alias("cinema.AccountDirectoryState")]
public sealed class AccountDirectoryState
{
    /// <summary>Kept sorted (ordinal) and without duplicates, so that listing needs no work.</summary>
    [Id(0)]
    public List<string> Addresses { get; set; } = [];
}
