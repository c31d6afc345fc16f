namespace Cinema.Grains;

/// <summary>Something the edge saw happen to a call; the dialog grain folds these into a call record.</summary>
/// <param name="State">The state the call moves to.</param>
/// <param name="At">When the edge saw it.</param>
/// <param name="Caller">From URI (set on the first event).</param>
/// <param name="Callee">To URI / Request-URI (set on the first event).</param>
/// <param name="Status">The final status for Failed, the answering status for Confirmed.</param>
/// <param name="Reason">Why it ended ("BYE from caller", "487 Request Terminated", "Timer C").</param>
[GenerateSerializer, Immutable, Alias("cinema.CallEvent")]
public sealed record CallEvent(
    [property: Id(0)] CallState State,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string? Caller = null,
    [property: Id(3)] string? Callee = null,
    [property: Id(4)] int? Status = null,
    [property: Id(5)] string? Reason = null);
