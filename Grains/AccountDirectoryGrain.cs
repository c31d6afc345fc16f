namespace Cinema.Grains;

/// <summary>
/// The accounts of one domain, for listing. Adding and removing are idempotent, so an account grain may repeat
/// them after a failure without harm; a write happens only when the set changes.
/// </summary>
public sealed class AccountDirectoryGrain(
    [PersistentState("accounts", StorageNames.Default)] IPersistentState<AccountDirectoryState> state) : Grain, IAccountDirectoryGrain
{
    public async Task Add(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var addresses = state.State.Addresses;
        var at = addresses.BinarySearch(address, StringComparer.Ordinal);
        if (at >= 0) return;
        addresses.Insert(~at, address);
        await state.WriteStateAsync();
    }

    public async Task Remove(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var addresses = state.State.Addresses;
        var at = addresses.BinarySearch(address, StringComparer.Ordinal);
        if (at < 0) return;
        addresses.RemoveAt(at);
        await state.WriteStateAsync();
    }

    public Task<string[]> List() => Task.FromResult(state.State.Addresses.ToArray());
}
