using Microsoft.Extensions.Logging;

namespace Cinema.Sip.Dns;

internal static partial class SipDnsLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Located SIP servers for {Host}: {Location}")]
    public static partial void Located(ILogger logger, string host, SipServerLocation location);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "No SIP server for {Host} ({Error}): {Reason}")]
    public static partial void NotLocated(ILogger logger, string host, SipLocationError error, string? reason);
}
