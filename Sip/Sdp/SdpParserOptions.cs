namespace Cinema.Sip.Sdp;

/// <summary>Limits that keep parsing of hostile input cheap. The defaults fit any real SIP phone's SDP.</summary>
public sealed record SdpParserOptions
{
    /// <summary>The defaults.</summary>
    public static SdpParserOptions Default { get; } = new();

    /// <summary>Maximum body size in bytes (UTF-8 input) or characters (text input).</summary>
    public int MaxLength { get; init; } = 64 * 1024;

    /// <summary>Maximum number of lines, blank lines included.</summary>
    public int MaxLines { get; init; } = 1000;

    /// <summary>Maximum length of one line in characters, without its line end.</summary>
    public int MaxLineLength { get; init; } = 4096;

    /// <summary>Maximum number of <c>m=</c> sections.</summary>
    public int MaxMediaDescriptions { get; init; } = 64;
}
