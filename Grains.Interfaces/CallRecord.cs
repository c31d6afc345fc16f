namespace Cinema.Grains;

/// <summary>A call as recorded: who called whom, how far it got, and when (a call detail record).</summary>
[GenerateSerializer, Immutable, Alias("cinema.CallRecord")]
public sealed record CallRecord(
    [property: Id(0)] string CallId,
    [property: Id(1)] string Caller,
    [property: Id(2)] string Callee,
    [property: Id(3)] CallState State,
    [property: Id(4)] DateTimeOffset StartedAt,
    [property: Id(5)] DateTimeOffset? AnsweredAt,
    [property: Id(6)] DateTimeOffset? EndedAt,
    [property: Id(7)] int? FinalStatus,
    [property: Id(8)] string? Reason)
{
    public bool IsActive => State is CallState.Trying or CallState.Early or CallState.Confirmed;
}
