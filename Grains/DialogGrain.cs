namespace Cinema.Grains;

/// <summary>
/// The record of one call. Active calls are activations of this grain (visible on the dashboard); a finished
/// call is written once more and then leaves memory, its record staying in storage.
/// </summary>
public sealed class DialogGrain(
    [PersistentState("dialog", StorageNames.Default)] IPersistentState<DialogState> state) : Grain, IDialogGrain
{
    private string? _callId; // the key, decoded once: every event of a call needs it

    public async Task Record(CallEvent callEvent)
    {
        var next = CallRecordRules.Apply(_callId ??= this.GetPrimaryKeyString(), state.State.Record, callEvent);
        if (next is null) return;
        state.State.Record = next;
        // A call is written when it is answered and when it ends (or fails): the record that matters survives a
        // silo's death, and the ringing phase, most calls' longest, costs no storage write (a write per event
        // cost more CPU than routing the call; bench/RESULTS.md).
        if (next.State is not (CallState.Trying or CallState.Early)) await state.WriteStateAsync();
        if (!next.IsActive) DeactivateOnIdle();
    }

    public Task<CallRecord?> GetRecord() => Task.FromResult(state.State.Record);
}
