namespace Cinema.Sip.Parsing;

/// <summary>
/// Bounds on what the parser accepts, so hostile input costs bounded memory and time. The defaults admit every
/// real-world message (the longest RFC 4475 message is 3.5 KB) and the largest UDP datagram.
/// </summary>
public sealed record ParserLimits
{
    public static readonly ParserLimits Default = new();

    /// <summary>Whole message, headers and body (RFC 3261 §18.1.1 discusses 65,535 as the UDP ceiling).</summary>
    public int MaxMessageBytes { get; init; } = 65_535;

    /// <summary>Start line plus headers, up to the empty line.</summary>
    public int MaxHeaderBytes { get; init; } = 32_768;

    public int MaxHeaderCount { get; init; } = 256;

    /// <summary>One physical line (a folded header may span several).</summary>
    public int MaxLineBytes { get; init; } = 8_192;
}
