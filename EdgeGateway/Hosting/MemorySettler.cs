using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cinema.Edge.Hosting;

/// <summary>
/// When to give memory back after a burst. The .NET collector keeps what a burst needed (a wave of registrations,
/// a flood) until its next full collection, and a server that has gone quiet may not have one for hours: the
/// transactions and idle registrars of the burst are garbage, but the process still holds their pages. A full
/// collection is due once allocation has stayed low for a while and the committed heap is more than
/// <see cref="GrowthBytes"/> above the level it settled at last. Part of a burst outlives it for a time (a UDP
/// server transaction absorbs retransmissions for 32 s), so while a collection leaves the heap high the next try
/// waits twice as long, up to <see cref="MaxWaitTicks"/>; one that still leaves it high after that wait means the
/// heap holds live data, and its level becomes the one to grow from. New activity starts the waits again from the
/// first. Pure logic, one tick a second.
/// </summary>
internal sealed class MemorySettlePolicy
{
    public const int MaxWaitTicks = 600;
    private readonly int _firstWait;
    private readonly long _quietBytesPerTick;
    private long _floor;
    private int _wait;
    private int _quiet;

    public MemorySettlePolicy(int firstWaitTicks, long quietBytesPerTick, long growthBytes, long committedAtStart)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(firstWaitTicks, 1);
        _firstWait = _wait = firstWaitTicks;
        _quietBytesPerTick = quietBytesPerTick;
        GrowthBytes = growthBytes;
        _floor = committedAtStart;
    }

    public long GrowthBytes { get; }

    /// <summary>One tick: bytes allocated since the last one and the heap committed now. True: collect now.</summary>
    public bool Tick(long allocatedBytes, long committedBytes)
    {
        if (allocatedBytes > _quietBytesPerTick)
        {
            _quiet = 0;
            _wait = _firstWait;
            return false;
        }
        _quiet++;
        return _quiet >= _wait && committedBytes - _floor > GrowthBytes;
    }

    /// <summary>After a collection, what it left committed.</summary>
    public void Settled(long committedBytes)
    {
        _quiet = 0;
        if (committedBytes - _floor <= GrowthBytes)
        {
            _floor = Math.Min(_floor, committedBytes);
            _wait = _firstWait;
        }
        else if (_wait < MaxWaitTicks)
        {
            _wait = Math.Min(_wait * 2, MaxWaitTicks);
        }
        else
        {
            // Tries have been failing for many minutes: what is left is live (more users, more calls), not a burst.
            _floor = committedBytes;
            _wait = _firstWait;
        }
    }
}

/// <summary>
/// Carries out <see cref="MemorySettlePolicy"/> (Cinema:Memory:SettleAfterQuietSeconds, 0 turns it off): a blocking,
/// compacting full collection that returns free memory to the operating system, only when the server is quiet, so
/// that the pause (tens of milliseconds for a few hundred MB) falls where nobody is waiting. Written here because the
/// runtime has no idle-time collection for workstation GC.
/// </summary>
internal sealed partial class MemorySettler(TimeSpan quiet, ILogger<MemorySettler> logger) : BackgroundService
{
    // Under this a second is quiet: a few hundred SIP messages' worth, far above what timers and the dashboard allocate.
    private const long QuietBytesPerSecond = 4L << 20;
    private const long GrowthBytes = 16L << 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (quiet <= TimeSpan.Zero) return;
        var policy = new MemorySettlePolicy((int)Math.Ceiling(quiet.TotalSeconds), QuietBytesPerSecond, GrowthBytes, Committed());
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var allocated = GC.GetTotalAllocatedBytes();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var now = GC.GetTotalAllocatedBytes();
                var before = Committed();
                var due = policy.Tick(now - allocated, before);
                allocated = now;
                if (!due) continue;
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                var after = Committed();
                policy.Settled(after);
                allocated = GC.GetTotalAllocatedBytes();
                LogSettled(logger, before >> 20, after >> 20);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static long Committed() => GC.GetGCMemoryInfo().TotalCommittedBytes;

    [LoggerMessage(Level = LogLevel.Information, Message = "Quiet after a burst: a full collection took the managed heap from {Before} MB to {After} MB committed")]
    private static partial void LogSettled(ILogger logger, long before, long after);
}
