namespace Cinema.Grains;

/// <summary>The persisted account of one user.</summary>
[GenerateSerializer, Alias("cinema.AccountState")]
public sealed class AccountState
{
    [Id(0)]
    public bool Created { get; set; }
}
