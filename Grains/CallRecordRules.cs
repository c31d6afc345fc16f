namespace Cinema.Grains;

/// <summary>Folds call events into a record that only moves forward (Trying → Early → Confirmed → Ended, or → Failed).</summary>
internal static class CallRecordRules
{
    public static CallRecord? Apply(string callId, CallRecord? current, CallEvent e)
    {
        if (current is null)
        {
            return new CallRecord(callId, e.Caller ?? "", e.Callee ?? "", e.State, e.At,
                e.State == CallState.Confirmed ? e.At : null,
                IsFinal(e.State) ? e.At : null, e.Status, e.Reason);
        }
        if (Rank(e.State) <= Rank(current.State)) return null; // late or repeated event: nothing new
        if (current.State is CallState.Ended or CallState.Failed) return null;
        // A call that was never answered cannot end by BYE; an answered one cannot fail.
        if (e.State == CallState.Ended && current.State != CallState.Confirmed) return null;
        if (e.State == CallState.Failed && current.State == CallState.Confirmed) return null;
        return current with
        {
            State = e.State,
            AnsweredAt = e.State == CallState.Confirmed ? e.At : current.AnsweredAt,
            EndedAt = IsFinal(e.State) ? e.At : current.EndedAt,
            FinalStatus = e.Status ?? current.FinalStatus,
            Reason = e.Reason ?? current.Reason,
        };
    }

    private static bool IsFinal(CallState s) => s is CallState.Ended or CallState.Failed;

    private static int Rank(CallState s) => s switch
    {
        CallState.Trying => 0,
        CallState.Early => 1,
        CallState.Confirmed => 2,
        _ => 3,
    };
}
