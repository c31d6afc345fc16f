using Cinema.Sip.Messages;
using Cinema.Sip.Parsing;
using Cinema.Sip.Validation;

namespace Cinema.Sip.Tests.Torture;

/// <summary>What a server does with a message: parse it, then apply the request checks for a role.</summary>
internal static class TortureVerdict
{
    public static readonly RequestValidator Validator = new(
        ["path", "outbound", "gruu"],
        [SipMethod.Invite, SipMethod.Ack, SipMethod.Bye, SipMethod.Cancel, SipMethod.Options, SipMethod.Register, SipMethod.Message],
        [MediaType.Sdp]);

    /// <returns>0 accepted, -1 dropped, otherwise the status code to answer.</returns>
    public static int Of(byte[] bytes, ValidationRole role, out string? reason)
    {
        var result = SipParser.Parse(bytes);
        if (!result.Success)
        {
            reason = result.Error!.Reason;
            return result.Kind == MessageKind.Response ? -1 : result.Error.StatusCode;
        }
        reason = null;
        if (result.Message is not SipRequest request) return 0;
        var rejection = Validator.Validate(request, role);
        reason = rejection?.Reason;
        return rejection?.StatusCode ?? 0;
    }
}
