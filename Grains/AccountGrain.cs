namespace Cinema.Grains;

/// <summary>A user account: whether it exists (more with digest authentication).</summary>
public sealed class AccountGrain(
    [PersistentState("account", StorageNames.Default)] IPersistentState<AccountState> state) : Grain, IAccountGrain
{
    public Task<bool> Exists() => Task.FromResult(state.State.Created);
}
