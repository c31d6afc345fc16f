namespace Cinema.Sip.Transactions;

/// <summary>
/// One run of one timer of one transaction. Restarting a timer makes a new instance and cancels the old one, and
/// a firing is only acted on if its instance was not cancelled (checked under the transaction's lock), so a
/// callback that raced with a stop or restart is harmless.
/// </summary>
internal sealed class TransactionTimer
{
    private readonly Transaction _owner;
    private ITimer? _timer;

    private TransactionTimer(Transaction owner, TimerName name)
    {
        _owner = owner;
        Name = name;
    }

    public TimerName Name { get; }

    /// <summary>Read and written under the owner's lock.</summary>
    public bool IsCancelled { get; private set; }

    public static TransactionTimer Start(Transaction owner, TimeProvider time, TimerName name, TimeSpan due)
    {
        var t = new TransactionTimer(owner, name);
        t._timer = time.CreateTimer(static state => ((TransactionTimer)state!).Fire(), t, due, Timeout.InfiniteTimeSpan);
        return t;
    }

    public void Cancel()
    {
        IsCancelled = true;
        _timer?.Dispose();
    }

    private void Fire() => _owner.OnTimerFired(this);
}
