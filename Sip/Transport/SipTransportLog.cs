using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Cinema.Sip.Transport;

/// <summary>
/// Transport log events. Per-packet and per-connection events are Debug so a flood cannot flood the log; limits
/// reached and framing errors are Information; failures of our own code are Error.
/// </summary>
internal static partial class SipTransportLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Listening on {Bound}, advertised as {Advertised}")]
    public static partial void Listening(ILogger logger, SipEndPoint bound, SipEndPoint advertised);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "SIP transports stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "SIP transports did not stop within {Timeout}; loops still running were abandoned")]
    public static partial void StopTimedOut(ILogger logger, TimeSpan timeout);

    [LoggerMessage(EventId = 110, Level = LogLevel.Warning, Message = "Inbound queue full: dropping datagrams (first from {Source})")]
    public static partial void QueueFull(ILogger logger, SipEndPoint source);

    [LoggerMessage(EventId = 111, Level = LogLevel.Warning, Message = "Inbound queue has room again; {Dropped} datagrams were dropped")]
    public static partial void QueueRecovered(ILogger logger, long dropped);

    [LoggerMessage(EventId = 112, Level = LogLevel.Error, Message = "The message handler failed on a message from {Source}")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, SipEndPoint source);

    [LoggerMessage(EventId = 113, Level = LogLevel.Warning,
        Message = "Limiting {What} from {Source} to {PerSecond}/s after a burst of {Burst}: datagrams over it are dropped, connections read more slowly")]
    public static partial void SourceLimited(ILogger logger, string what, string source, double perSecond, double burst);

    [LoggerMessage(EventId = 114, Level = LogLevel.Warning,
        Message = "Source {Source} is within the limit for {What} again; {Dropped} were dropped and {Delayed} delayed in {Seconds:F1} s")]
    public static partial void SourceWithinLimit(ILogger logger, string source, string what, long dropped, long delayed, double seconds);

    [LoggerMessage(EventId = 115, Level = LogLevel.Warning, Message = "{Count} more sources went over the limit for {What} in the last {Interval}")]
    public static partial void MoreSourcesLimited(ILogger logger, int count, string what, TimeSpan interval);

    [LoggerMessage(EventId = 116, Level = LogLevel.Warning,
        Message = "{Count} more sources are within the limit for {What} again; {Dropped} were dropped and {Delayed} delayed")]
    public static partial void MoreSourcesWithinLimit(ILogger logger, int count, string what, long dropped, long delayed);

    [LoggerMessage(EventId = 117, Level = LogLevel.Warning,
        Message = "More than {MaxSources} sources are sending {What}: the ones beyond share one bucket until fewer are active")]
    public static partial void SourceTableFull(ILogger logger, int maxSources, string what);

    [LoggerMessage(EventId = 118, Level = LogLevel.Warning, Message = "Every source sending {What} has a bucket of its own again")]
    public static partial void SourceTableHasRoom(ILogger logger, string what);

    [LoggerMessage(EventId = 120, Level = LogLevel.Debug, Message = "UDP receive on {Local} failed: {Error}")]
    public static partial void UdpReceiveError(ILogger logger, SipEndPoint local, SocketError error);

    [LoggerMessage(EventId = 121, Level = LogLevel.Error, Message = "Processing a datagram from {Source} failed")]
    public static partial void DatagramFailed(ILogger logger, Exception exception, System.Net.IPEndPoint source);

    [LoggerMessage(EventId = 130, Level = LogLevel.Debug, Message = "Malformed request from {Source}: {Error} (answered: {Answered})")]
    public static partial void MalformedRequest(ILogger logger, SipEndPoint source, Parsing.ParseError error, bool answered);

    [LoggerMessage(EventId = 131, Level = LogLevel.Debug,
        Message = "Malformed request from {Source} not answered: the {AnswerBytes}-byte answer is larger than the {ReceivedBytes}-byte datagram ({Error})")]
    public static partial void MalformedRequestNotAnswered(ILogger logger, SipEndPoint source, Parsing.ParseError error, int answerBytes, int receivedBytes);

    [LoggerMessage(EventId = 132, Level = LogLevel.Debug, Message = "Malformed response from {Source} dropped: {Error}")]
    public static partial void MalformedResponseDropped(ILogger logger, SipEndPoint source, Parsing.ParseError error);

    [LoggerMessage(EventId = 140, Level = LogLevel.Debug, Message = "Connection {Id} accepted from {Remote} on {Local}")]
    public static partial void ConnectionAccepted(ILogger logger, long id, SipEndPoint remote, SipEndPoint local);

    [LoggerMessage(EventId = 141, Level = LogLevel.Information, Message = "Connection from {Remote} refused: {Reason}")]
    public static partial void ConnectionRefused(ILogger logger, SipEndPoint remote, string reason);

    [LoggerMessage(EventId = 142, Level = LogLevel.Debug, Message = "Connection {Id} opened to {Remote} from {Local}")]
    public static partial void Connected(ILogger logger, long id, SipEndPoint remote, SipEndPoint local);

    [LoggerMessage(EventId = 143, Level = LogLevel.Debug, Message = "Connection {Id} with {Remote} closed: {Reason}")]
    public static partial void ConnectionClosed(ILogger logger, long id, SipEndPoint remote, string reason);

    [LoggerMessage(EventId = 144, Level = LogLevel.Information, Message = "Connection {Id} with {Remote} cannot be framed: {Error}")]
    public static partial void FramingError(ILogger logger, long id, SipEndPoint remote, string? error);

    [LoggerMessage(EventId = 145, Level = LogLevel.Error, Message = "Connection {Id} with {Remote} failed")]
    public static partial void ConnectionFailed(ILogger logger, Exception exception, long id, SipEndPoint remote);

    [LoggerMessage(EventId = 146, Level = LogLevel.Warning, Message = "Accepting on {Local} failed: {Error}")]
    public static partial void AcceptFailed(ILogger logger, SipEndPoint local, SocketError error);

    [LoggerMessage(EventId = 147, Level = LogLevel.Error, Message = "Setting up a connection accepted on {Local} failed")]
    public static partial void AcceptSetupFailed(ILogger logger, Exception exception, SipEndPoint local);

    [LoggerMessage(EventId = 150, Level = LogLevel.Debug, Message = "Send to {Destination} failed: {Error}")]
    public static partial void SendFailed(ILogger logger, SipEndPoint destination, string? error);

    [LoggerMessage(EventId = 152, Level = LogLevel.Error, Message = "Sending to or answering {Peer} failed unexpectedly")]
    public static partial void SendCrashed(ILogger logger, Exception exception, SipEndPoint peer);

    [LoggerMessage(EventId = 151, Level = LogLevel.Debug, Message = "Response to a request from {Source} not sent: {Error}")]
    public static partial void ResponseNotRouted(ILogger logger, SipEndPoint source, string error);
}
