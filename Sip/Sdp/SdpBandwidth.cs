namespace Cinema.Sip.Sdp;

/// <summary>A <c>b=&lt;bwtype&gt;:&lt;bandwidth&gt;</c> line (RFC 8866 §5.8), e.g. AS, CT or TIAS (RFC 3890).</summary>
/// <param name="Type">The bandwidth type, kept verbatim.</param>
/// <param name="Value">The bandwidth; kilobits per second for AS and CT.</param>
public sealed record SdpBandwidth(string Type, ulong Value);
