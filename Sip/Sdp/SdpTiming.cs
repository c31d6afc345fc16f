using System.Collections.Immutable;

namespace Cinema.Sip.Sdp;

/// <summary>A <c>t=</c> line with the <c>r=</c> lines that follow it (RFC 8866 §5.9, §5.10).</summary>
/// <param name="StartTime">NTP start time, 0 for an unbounded session (what SIP uses).</param>
/// <param name="StopTime">NTP stop time, 0 for an unbounded session.</param>
public sealed record SdpTiming(ulong StartTime, ulong StopTime)
{
    private readonly ImmutableArray<string> _repeats = [];

    /// <summary>The unbounded "t=0 0" that SIP sessions use (RFC 3264 §5).</summary>
    public static SdpTiming Unbounded { get; } = new(0, 0);

    /// <summary>Values of the <c>r=</c> lines, kept verbatim.</summary>
    public ImmutableArray<string> Repeats
    {
        get => _repeats;
        init => _repeats = SdpLists.OrEmpty(value);
    }

    /// <inheritdoc/>
    public bool Equals(SdpTiming? other)
        => other is not null
            && StartTime == other.StartTime
            && StopTime == other.StopTime
            && SdpLists.SequenceEqual(_repeats, other._repeats);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(StartTime);
        hash.Add(StopTime);
        SdpLists.AddAll(ref hash, _repeats);
        return hash.ToHashCode();
    }
}
