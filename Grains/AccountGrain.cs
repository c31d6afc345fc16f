namespace Cinema.Grains;

/// <summary>Placeholder until the account grain lands: no account exists.</summary>
public sealed class AccountGrain : Grain, IAccountGrain
{
    public Task<bool> Exists() => Task.FromResult(false);

    public Task<AccountInfo?> GetInfo() => Task.FromResult<AccountInfo?>(null);

    public Task<string?> GetDigestHa1(string realm, string algorithm) => Task.FromResult<string?>(null);

    public Task<AccountResult> Create(AccountCredentials credentials) => throw new NotSupportedException();

    public Task<AccountResult> SetCredentials(AccountCredentials credentials) => throw new NotSupportedException();

    public Task<AccountResult> SetEnabled(bool enabled) => throw new NotSupportedException();

    public Task<AccountResult> Remove() => throw new NotSupportedException();
}
