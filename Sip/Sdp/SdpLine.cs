namespace Cinema.Sip.Sdp;

/// <summary>
/// A line whose type letter this library does not model (for example a future extension).
/// It is kept verbatim so that it can be written back.
/// </summary>
/// <param name="Type">The lowercase type letter.</param>
/// <param name="Value">Everything after the '='.</param>
public sealed record SdpLine(char Type, string Value)
{
    /// <summary>The line as it appears in SDP, without the line end.</summary>
    public override string ToString() => Type + "=" + Value;
}
