namespace Cinema.Grains;

/// <summary>
/// Folds call events into a record. Events are one-way messages and may arrive out of order, so the result does
/// not depend on arrival order: states are ranked Trying &lt; Early &lt; Failed &lt; Confirmed &lt; Ended (an answer
/// outranks a failure seen on another fork, a BYE outranks both), and a record only moves up.
/// </summary>
internal static class CallRecordRules
{
    public static CallRecord? Apply(string callId, CallRecord? current, CallEvent e)
    {
        if (current is null)
        {
            return new CallRecord(callId, e.Caller ?? "", e.Callee ?? "", e.State, e.At,
                e.State is CallState.Confirmed ? e.At : null,
                IsFinal(e.State) ? e.At : null, e.Status, e.Reason);
        }
        if (Rank(e.State) <= Rank(current.State))
        {
            // A late event changes no state, but may carry what the record lacks: who called whom and when it
            // started (the first event), or when the call was answered (an answer after the BYE).
            var filled = current with
            {
                Caller = current.Caller.Length > 0 ? current.Caller : e.Caller ?? "",
                Callee = current.Callee.Length > 0 ? current.Callee : e.Callee ?? "",
                StartedAt = e.State == CallState.Trying && e.At < current.StartedAt ? e.At : current.StartedAt,
                AnsweredAt = current.AnsweredAt ?? (e.State == CallState.Confirmed ? e.At : null),
            };
            return filled == current ? null : filled;
        }
        return current with
        {
            State = e.State,
            StartedAt = e.State == CallState.Trying && e.At < current.StartedAt ? e.At : current.StartedAt,
            Caller = current.Caller.Length > 0 ? current.Caller : e.Caller ?? "",
            Callee = current.Callee.Length > 0 ? current.Callee : e.Callee ?? "",
            AnsweredAt = e.State == CallState.Confirmed ? e.At : current.AnsweredAt,
            EndedAt = IsFinal(e.State) ? e.At : null,
            FinalStatus = e.Status ?? current.FinalStatus,
            Reason = e.Reason ?? current.Reason,
        };
    }

    private static bool IsFinal(CallState s) => s is CallState.Ended or CallState.Failed;

    private static int Rank(CallState s) => s switch
    {
        CallState.Trying => 0,
        CallState.Early => 1,
        CallState.Failed => 2,
        CallState.Confirmed => 3,
        _ => 4,
    };
}
