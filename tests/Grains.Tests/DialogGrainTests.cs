namespace Cinema.Grains.Tests;

/// <summary>Call records: who called whom, how far the call got, and when; kept after the call ends.</summary>
[Collection(ClusterCollection.Name)]
public class DialogGrainTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

    private IDialogGrain NewCall() => fixture.Grains.GetGrain<IDialogGrain>(Guid.NewGuid().ToString("N") + "@test");

    /// <summary>
    /// Events are one-way and may be taken in any order, so a record can reach <paramref name="state"/> before
    /// earlier events are folded in; <paramref name="complete"/> says when all of them are. A finished call's grain
    /// deactivates itself, and a read that meets it mid-way is rejected by Orleans for the caller to ask again.
    /// </summary>
    private static async Task<CallRecord> WaitForStateAsync(IDialogGrain grain, CallState state, Func<CallRecord, bool>? complete = null)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < until)
        {
            CallRecord? r;
            try
            {
                r = await grain.GetRecord();
            }
            catch (OrleansMessageRejectionException)
            {
                r = null;
            }
            if (r is not null && r.State == state && (complete?.Invoke(r) ?? true)) return r;
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        throw new TimeoutException("the call record did not reach " + state);
    }

    [Fact]
    public async Task An_answered_call_records_caller_callee_answer_and_end()
    {
        var call = NewCall();
        await call.Record(new CallEvent(CallState.Trying, T0, "sip:alice@example.com", "sip:bob@example.com"));
        await call.Record(new CallEvent(CallState.Early, T0.AddSeconds(1)));
        await call.Record(new CallEvent(CallState.Confirmed, T0.AddSeconds(3), Status: 200));
        await call.Record(new CallEvent(CallState.Ended, T0.AddSeconds(60), Reason: "BYE from sip:alice@example.com"));
        var record = await WaitForStateAsync(call, CallState.Ended, r => r.Caller.Length > 0 && r.AnsweredAt is not null);
        Assert.Equal("sip:alice@example.com", record.Caller);
        Assert.Equal("sip:bob@example.com", record.Callee);
        Assert.Equal(T0, record.StartedAt);
        Assert.Equal(T0.AddSeconds(3), record.AnsweredAt);
        Assert.Equal(T0.AddSeconds(60), record.EndedAt);
        Assert.False(record.IsActive);
    }

    [Fact]
    public async Task An_unanswered_call_records_its_final_status()
    {
        var call = NewCall();
        await call.Record(new CallEvent(CallState.Trying, T0, "sip:alice@example.com", "sip:bob@example.com"));
        await call.Record(new CallEvent(CallState.Failed, T0.AddSeconds(20), Status: 486, Reason: "Busy Here"));
        var record = await WaitForStateAsync(call, CallState.Failed, r => r.Caller.Length > 0);
        Assert.Equal(486, record.FinalStatus);
        Assert.Null(record.AnsweredAt);
    }

    [Fact]
    public async Task Late_or_repeated_events_do_not_move_a_record_backwards()
    {
        var call = NewCall();
        await call.Record(new CallEvent(CallState.Trying, T0, "sip:a@example.com", "sip:b@example.com"));
        await call.Record(new CallEvent(CallState.Confirmed, T0.AddSeconds(2), Status: 200));
        await call.Record(new CallEvent(CallState.Early, T0.AddSeconds(1)));
        await call.Record(new CallEvent(CallState.Failed, T0.AddSeconds(3), Status: 408));
        // Another fork timing out does not undo the answer, whichever arrives first.
        var record = await WaitForStateAsync(call, CallState.Confirmed);
        Assert.Equal(T0.AddSeconds(2), record.AnsweredAt);
        Assert.True(record.IsActive);
    }

    [Fact]
    public async Task The_record_of_a_finished_call_survives_deactivation()
    {
        var call = NewCall();
        await call.Record(new CallEvent(CallState.Trying, T0, "sip:a@example.com", "sip:b@example.com"));
        await call.Record(new CallEvent(CallState.Confirmed, T0.AddSeconds(1), Status: 200));
        await call.Record(new CallEvent(CallState.Ended, T0.AddSeconds(9)));
        await WaitForStateAsync(call, CallState.Ended);
        await fixture.Cluster.DeactivateAsync(call);
        Assert.Equal(CallState.Ended, (await call.GetRecord())!.State);
    }

    [Fact]
    public async Task An_unknown_call_has_no_record() => Assert.Null(await NewCall().GetRecord());
}
