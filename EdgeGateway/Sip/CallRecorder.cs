using Cinema.Grains;
using Cinema.Sip.Messages;

namespace Cinema.Edge.Sip;

/// <summary>
/// Tells the dialog grain of a call what happened. The calls are one-way, so recording never holds up call
/// setup; turned off with Cinema:Calls:Record=false.
/// </summary>
internal sealed class CallRecorder(IGrainFactory grains, TimeProvider time, bool enabled)
{
    public void Started(SipRequest invite) =>
        Record(invite, new CallEvent(CallState.Trying, time.GetUtcNow(), invite.From.Uri.ToString(), invite.RequestUri.ToString()));

    public void Early(SipRequest invite) => Record(invite, new CallEvent(CallState.Early, time.GetUtcNow()));

    /// <summary>Carries caller and callee again: the answer is the first event written, so it must be complete.</summary>
    public void Confirmed(SipRequest invite, int status) =>
        Record(invite, new CallEvent(CallState.Confirmed, time.GetUtcNow(), invite.From.Uri.ToString(), invite.RequestUri.ToString(), Status: status));

    public void Failed(SipRequest invite, int status, string reason) =>
        Record(invite, new CallEvent(CallState.Failed, time.GetUtcNow(), invite.From.Uri.ToString(), invite.RequestUri.ToString(), status, reason));

    public void Ended(SipRequest bye) => Record(bye, new CallEvent(CallState.Ended, time.GetUtcNow(), Reason: "BYE from " + bye.From.Uri));

    private void Record(SipRequest request, CallEvent e)
    {
        if (enabled) _ = grains.ByKey<IDialogGrain>(request.CallId).Record(e);
    }
}
