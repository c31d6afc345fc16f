using System.Diagnostics.CodeAnalysis;

namespace Cinema.Sip.Sdp;

/// <summary>The result of answering an offer or applying an answer.</summary>
public sealed record AudioNegotiationResult
{
    /// <summary>488 Not Acceptable Here: the offer has nothing we can use (RFC 3261 §21.4.26).</summary>
    public const int NotAcceptableHere = 488;

    /// <summary>491 Request Pending: an offer arrived while ours was outstanding (RFC 3261 §14.2).</summary>
    public const int RequestPending = 491;

    /// <summary>True when negotiation succeeded and <see cref="Audio"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Audio))]
    [MemberNotNullWhen(false, nameof(FailureReason))]
    public bool Succeeded => FailureReason is null && Audio is not null;

    /// <summary>Our answer, when the result comes from answering an offer.</summary>
    public SessionDescription? Answer { get; init; }

    /// <summary>The negotiated audio stream.</summary>
    public NegotiatedAudio? Audio { get; init; }

    /// <summary>Why negotiation failed, for logs and a SIP Warning header.</summary>
    public string? FailureReason { get; init; }

    /// <summary>The SIP status to reject an offer with (488 or 491); null on success or for a failed answer.</summary>
    public int? StatusCode { get; init; }

    internal static AudioNegotiationResult Fail(string reason, int? statusCode = NotAcceptableHere)
        => new() { FailureReason = reason, StatusCode = statusCode };
}
