namespace Cinema.Grains;

/// <summary>
/// The record of one call. Active calls are activations of this grain (visible on the dashboard); a finished
/// call is written once more and then leaves memory, its record staying in storage.
/// </summary>
public sealed class DialogGrain(
    [PersistentState("dialog", StorageNames.Default)] IPersistentState<DialogState> state) : Grain, IDialogGrain
{
    public async Task Record(CallEvent callEvent)
    {
        var next = CallRecordRules.Apply(this.GetPrimaryKeyString(), state.State.Record, callEvent);
        if (next is null) return;
        state.State.Record = next;
        // Early dialogs are not worth a write: the record of the call is its start, answer and end.
        if (next.State != CallState.Early) await state.WriteStateAsync();
        if (!next.IsActive) DeactivateOnIdle();
    }

    public Task<CallRecord?> GetRecord() => Task.FromResult(state.State.Record);
}
