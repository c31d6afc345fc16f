namespace Cinema.Sip.Validation;

/// <summary>A request refused before processing: the status to answer, a reason phrase, and headers the response must carry.</summary>
public sealed record Rejection(int StatusCode, string Reason, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    public Rejection(int statusCode, string reason)
        : this(statusCode, reason, [])
    {
    }

    public override string ToString() => $"{StatusCode} {Reason}";
}
