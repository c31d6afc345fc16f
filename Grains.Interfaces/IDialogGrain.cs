using Orleans.Concurrency;

namespace Cinema.Grains;

/// <summary>One call, keyed by its Call-ID: its state while active and its record once finished.</summary>
[Alias("cinema.IDialogGrain")]
public interface IDialogGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records what the edge saw. One-way so that recording never delays call setup; events may arrive late or
    /// twice and are folded so that the record only moves forward.
    /// </summary>
    [OneWay, Alias("Record")]
    Task Record(CallEvent callEvent);

    /// <summary>The call record, or null when this Call-ID was never seen.</summary>
    [ReadOnly, Alias("GetRecord")]
    Task<CallRecord?> GetRecord();
}
