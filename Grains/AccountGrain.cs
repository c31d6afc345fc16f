using Microsoft.Extensions.Logging;

namespace Cinema.Grains;

/// <summary>
/// One user account (key: the address-of-record). Answers only after the change is written. The domain's
/// directory grain is kept in step: it is told of a new account before the account is written and of a removal
/// after, so a failure in between can leave the directory naming an account that does not exist (listing skips
/// it and a retry repairs it) but never an account missing from its directory.
/// </summary>
public sealed partial class AccountGrain : Grain, IAccountGrain
{
    private readonly IPersistentState<AccountState> _state;
    private readonly TimeProvider _time;
    private readonly ILogger<AccountGrain> _logger;
    private string _address = "";

    public AccountGrain(
        [PersistentState("account", StorageNames.Default)] IPersistentState<AccountState> state,
        TimeProvider time,
        ILogger<AccountGrain> logger)
    {
        _state = state;
        _time = time;
        _logger = logger;
    }

    private bool HasAccount => _state.RecordExists;

    private IAccountDirectoryGrain Directory => GrainFactory.GetGrain<IAccountDirectoryGrain>(AccountRules.DomainOf(_address));

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _address = this.GetPrimaryKeyString();
        return Task.CompletedTask;
    }

    public Task<bool> Exists() => Task.FromResult(HasAccount);

    public Task<AccountInfo?> GetInfo()
    {
        var s = _state.State;
        return Task.FromResult(HasAccount ? new AccountInfo(_address, s.DisplayName, s.Enabled, s.Created, s.Changed) : null);
    }

    public Task<string?> GetDigestHa1(string realm, string algorithm)
    {
        ArgumentNullException.ThrowIfNull(realm);
        ArgumentNullException.ThrowIfNull(algorithm);
        string? ha1 = null;
        if (HasAccount && _state.State.Enabled && AccountRules.HashKey(realm, algorithm) is { } key) _state.State.Ha1.TryGetValue(key, out ha1);
        return Task.FromResult(ha1);
    }

    public async Task<AccountResult> Create(AccountCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if (HasAccount) return AccountResult.AlreadyExists;
        if (!AccountRules.IsAddressOfRecord(_address) || !AccountRules.TryNormalize(credentials.Ha1, out var hashes)) return AccountResult.Invalid;
        await Directory.Add(_address);
        var now = _time.GetUtcNow();
        _state.State = new AccountState
        {
            DisplayName = Blank(credentials.DisplayName),
            Ha1 = hashes,
            Enabled = true,
            Created = now,
            Changed = now,
        };
        await _state.WriteStateAsync();
        LogCreated(_logger, _address);
        return AccountResult.Ok;
    }

    /// <summary>Replaces every hash; the display name changes only when one is given, so a new password keeps the name.</summary>
    public async Task<AccountResult> SetCredentials(AccountCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if (!HasAccount) return AccountResult.NotFound;
        if (!AccountRules.TryNormalize(credentials.Ha1, out var hashes)) return AccountResult.Invalid;
        _state.State.Ha1 = hashes;
        if (Blank(credentials.DisplayName) is { } name) _state.State.DisplayName = name;
        _state.State.Changed = _time.GetUtcNow();
        await _state.WriteStateAsync();
        LogCredentialsChanged(_logger, _address);
        return AccountResult.Ok;
    }

    public async Task<AccountResult> SetEnabled(bool enabled)
    {
        if (!HasAccount) return AccountResult.NotFound;
        if (_state.State.Enabled == enabled) return AccountResult.Ok;
        _state.State.Enabled = enabled;
        _state.State.Changed = _time.GetUtcNow();
        await _state.WriteStateAsync();
        LogEnabled(_logger, _address, enabled);
        return AccountResult.Ok;
    }

    public async Task<AccountResult> Remove()
    {
        if (!HasAccount) return AccountResult.NotFound;
        await _state.ClearStateAsync();
        await Directory.Remove(_address);
        LogRemoved(_logger, _address);
        return AccountResult.Ok;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {Address} created")]
    private static partial void LogCreated(ILogger logger, string address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {Address}: credentials replaced")]
    private static partial void LogCredentialsChanged(ILogger logger, string address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {Address}: enabled {Enabled}")]
    private static partial void LogEnabled(ILogger logger, string address, bool enabled);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {Address} removed")]
    private static partial void LogRemoved(ILogger logger, string address);
}
