using Cinema.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace Cinema.Sip.Transactions;

internal static partial class TransactionLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Trace, Message = "{Method} transaction {Branch}: {From} -> {To}")]
    public static partial void StateChanged(ILogger logger, string method, string? branch, TransactionState from, TransactionState to);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{Method} transaction {Branch}: transport error: {Error}")]
    public static partial void TransportFailed(ILogger logger, string method, string? branch, string error);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "{Method} transaction {Branch}: the transaction user threw")]
    public static partial void UserCallbackFailed(ILogger logger, string method, string? branch, Exception exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Dropped a stray {Status} response to {Method} from {Source}")]
    public static partial void StrayResponseDropped(ILogger logger, int status, string method, SipEndPoint source);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "Dropped a {Method} from {Source}: {Reason}")]
    public static partial void RequestDropped(ILogger logger, string method, SipEndPoint source, string reason);

    [LoggerMessage(EventId = 6, Level = LogLevel.Error, Message = "The transaction user threw on a message from {Source} that belongs to no transaction")]
    public static partial void StrayCallbackFailed(ILogger logger, SipEndPoint source, Exception exception);

    [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "Timer {Timer} of a transaction failed; the other transactions' timers go on")]
    public static partial void TimerFailed(ILogger logger, TimerName timer, Exception exception);
}
