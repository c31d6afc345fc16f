namespace Cinema.Sip.Tests.Fuzz;

/// <summary>The measures of a well-formed CRLF message that <see cref="Cinema.Sip.Parsing.ParserLimits"/> apply to.</summary>
internal readonly record struct MessageShape(int HeaderBytes, int HeaderCount, int LongestLine)
{
    public static MessageShape Of(byte[] message)
    {
        var s = message.AsSpan();
        // Header bytes are the start line and header lines, up to the empty line.
        var headerBytes = s.IndexOf("\r\n\r\n"u8) + 2;
        int count = 0, longest = 0, pos = 0;
        while (pos < headerBytes)
        {
            var end = s[pos..].IndexOf("\r\n"u8) + pos;
            longest = Math.Max(longest, end - pos);
            if (pos > 0 && s[pos] is not ((byte)' ' or (byte)'\t')) count++;
            pos = end + 2;
        }
        return new MessageShape(headerBytes, count, longest);
    }
}
