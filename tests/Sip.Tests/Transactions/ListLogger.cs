using Microsoft.Extensions.Logging;

namespace Cinema.Sip.Tests.Transactions;

/// <summary>Keeps what is logged, to check what the layer reports and at which level.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    private readonly Lock _gate = new();
    private readonly List<(LogLevel Level, string Text, Exception? Exception)> _entries = [];

    public IReadOnlyList<(LogLevel Level, string Text, Exception? Exception)> Entries
    {
        get
        {
            lock (_gate) return [.. _entries];
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    /// <summary>Entries it matches make the logger throw instead: a broken log sink.</summary>
    public Func<string, bool>? ThrowWhen { get; set; }

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var text = formatter(state, exception);
        if (ThrowWhen?.Invoke(text) == true) throw new InvalidOperationException("the log sink is broken");
        lock (_gate) _entries.Add((logLevel, text, exception));
    }
}
