using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cinema.Grains;

/// <summary>
/// The registrar and location service for one address-of-record. Answers only after the change is written, so a
/// 200 OK means the binding survives a restart. Expired bindings are never returned; a timer removes them from
/// storage while the grain is active, and activation removes any that expired while it was not.
/// A registrar leaves memory as soon as a registration is written unless calls have looked it up in the last two
/// minutes, and any registrar idle for two minutes leaves too (its bindings are in storage): phones refresh every few
/// minutes to hours, so keeping every address-of-record active would cost memory per user and a timer each for
/// nothing, while one that is being called stays ready to answer look-ups without a storage read.
/// </summary>
[CollectionAgeLimit(Minutes = 2)]
public sealed partial class RegistrarGrain : Grain, IRegistrarGrain
{
    private readonly IPersistentState<RegistrarState> _state;
    private readonly RegistrarOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RegistrarGrain> _logger;
    private static readonly TimeSpan RecentLookup = TimeSpan.FromMinutes(2);
    private IGrainTimer? _expiryTimer;
    private string _aor = "";
    private DateTimeOffset _lastLookup = DateTimeOffset.MinValue;

    public RegistrarGrain(
        [PersistentState("registrar", StorageNames.Default)] IPersistentState<RegistrarState> state,
        IOptions<RegistrarOptions> options,
        TimeProvider time,
        ILogger<RegistrarGrain> logger)
    {
        _state = state;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _aor = this.GetPrimaryKeyString();
        if (RegistrarRules.Prune(_state.State.Bindings, _time.GetUtcNow())) await _state.WriteStateAsync(cancellationToken);
        // No expiry timer yet: most activations are a REGISTER that leaves memory once written (a grain timer costs
        // about 2 % of such a REGISTER to make and dispose). What keeps the registrar in memory starts it.
    }

    public async Task<RegisterResult> Register(RegisterRequest request)
    {
        var now = _time.GetUtcNow();
        var pruned = RegistrarRules.Prune(_state.State.Bindings, now);
        var (result, changed) = RegistrarRules.Apply(_state.State.Bindings, request, now, _options);
        var written = false;
        if (changed || pruned || (result.Status == RegisterStatus.Ok && !_state.State.Known && request.Contacts.Length > 0))
        {
            _state.State.Known |= _state.State.Bindings.Count > 0;
            await _state.WriteStateAsync();
            written = true;
        }
        LogRegister(_logger, _aor, result.Status, _state.State.Bindings.Count);
        if (now - _lastLookup > RecentLookup)
        {
            StopExpiry();
            DeactivateOnIdle();
        }
        else if (written || _expiryTimer is null)
        {
            ScheduleExpiry();
        }
        return result with { Bindings = RegistrarRules.Ordered(_state.State.Bindings) };
    }

    public Task<LookupResult> Lookup()
    {
        var now = _time.GetUtcNow();
        _lastLookup = now;
        if (_expiryTimer is null) ScheduleExpiry();
        var bindings = _state.State.Bindings;
        // Filter rather than prune: a read-only call must not change state; the timer writes removals.
        var live = bindings.TrueForAll(b => b.ExpiresAt > now) ? bindings : bindings.FindAll(b => b.ExpiresAt > now);
        return Task.FromResult(new LookupResult(_state.State.Known, RegistrarRules.Ordered(live)));
    }

    public async Task Clear()
    {
        if (_state.State.Bindings.Count == 0) return;
        _state.State.Bindings.Clear();
        await _state.WriteStateAsync();
        ScheduleExpiry();
    }

    private void ScheduleExpiry()
    {
        StopExpiry();
        if (_state.State.Bindings.Count == 0) return;
        var next = _state.State.Bindings.Min(b => b.ExpiresAt);
        var due = next - _time.GetUtcNow();
        if (due < TimeSpan.Zero) due = TimeSpan.Zero;
        _expiryTimer = this.RegisterGrainTimer(OnExpiry, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { KeepAlive = false });
    }

    private void StopExpiry()
    {
        _expiryTimer?.Dispose();
        _expiryTimer = null;
    }

    private async Task OnExpiry(CancellationToken cancellationToken)
    {
        if (RegistrarRules.Prune(_state.State.Bindings, _time.GetUtcNow()))
        {
            await _state.WriteStateAsync(cancellationToken);
            LogExpired(_logger, _aor, _state.State.Bindings.Count);
        }
        ScheduleExpiry();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "REGISTER {Aor}: {Status}, {Count} binding(s)")]
    private static partial void LogRegister(ILogger logger, string aor, RegisterStatus status, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Bindings of {Aor} expired; {Count} left")]
    private static partial void LogExpired(ILogger logger, string aor, int count);
}
