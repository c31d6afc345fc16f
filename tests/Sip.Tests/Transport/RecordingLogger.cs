using System.Collections.Concurrent;
using Cinema.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace Cinema.Sip.Tests.Transport;

/// <summary>Keeps every log entry, so a test can wait for an event the transport only reports in its log.</summary>
internal sealed class RecordingLogger : ILogger<SipTransportLayer>
{
    private readonly ConcurrentQueue<(int EventId, string Message)> _entries = new();

    public IReadOnlyList<(int EventId, string Message)> Entries => [.. _entries];

    public bool Has(int eventId) => _entries.Any(e => e.EventId == eventId);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue((eventId.Id, formatter(state, exception)));
}
