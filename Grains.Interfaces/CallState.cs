namespace Cinema.Grains;

/// <summary>Where a call is (RFC 3261 §12 dialog states, plus the outcomes a call record needs).</summary>
public enum CallState
{
    /// <summary>INVITE forwarded, no provisional response with a tag yet.</summary>
    Trying = 0,

    /// <summary>An early dialog exists (1xx with a To tag).</summary>
    Early = 1,

    /// <summary>Answered (2xx).</summary>
    Confirmed = 2,

    /// <summary>Ended by BYE after being answered.</summary>
    Ended = 3,

    /// <summary>Never answered: a final non-2xx response, CANCEL or timeout.</summary>
    Failed = 4,
}
