using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Unicode;

namespace Cinema.Sip.Sdp;

/// <summary>
/// Parses SDP (RFC 8866). Malformed input never throws: it yields false and a reason naming the
/// line and the problem. Work is linear in the input and bounded by <see cref="SdpParserOptions"/>.
/// </summary>
public static class SdpParser
{
    /// <summary>Parses a UTF-8 SDP body with the default limits.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out SessionDescription? description, [NotNullWhen(false)] out string? error)
        => TryParse(utf8, SdpParserOptions.Default, out description, out error);

    /// <summary>Parses a UTF-8 SDP body.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, SdpParserOptions options, [NotNullWhen(true)] out SessionDescription? description, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(options);
        description = null;
        if (utf8.Length > options.MaxLength)
        {
            error = $"SDP body is {utf8.Length} bytes long, more than the limit of {options.MaxLength}";
            return false;
        }

        // RFC 8866 §5: text is UTF-8 unless a=charset says otherwise; phones send ASCII.
        if (!Utf8.IsValid(utf8))
        {
            error = "SDP body is not valid UTF-8 (RFC 8866 §5)";
            return false;
        }

        return TryParseText(Encoding.UTF8.GetString(utf8), options, out description, out error);
    }

    /// <summary>Parses SDP text with the default limits.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out SessionDescription? description, [NotNullWhen(false)] out string? error)
        => TryParse(text, SdpParserOptions.Default, out description, out error);

    /// <summary>Parses SDP text.</summary>
    public static bool TryParse(string text, SdpParserOptions options, [NotNullWhen(true)] out SessionDescription? description, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(options);
        if (text.Length > options.MaxLength)
        {
            description = null;
            error = $"SDP body is {text.Length} characters long, more than the limit of {options.MaxLength}";
            return false;
        }

        return TryParseText(text, options, out description, out error);
    }

    private static bool TryParseText(ReadOnlySpan<char> text, SdpParserOptions options, [NotNullWhen(true)] out SessionDescription? description, [NotNullWhen(false)] out string? error)
    {
        description = null;
        if (!text.IsEmpty && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var reader = new SdpReader(options);
        var lineNumber = 0;
        while (!text.IsEmpty)
        {
            lineNumber++;
            if (lineNumber > options.MaxLines)
            {
                error = $"SDP body has more than {options.MaxLines} lines";
                return false;
            }

            // RFC 8866 §5: lines end with CRLF, but parsers should also accept a bare LF.
            var newline = text.IndexOf('\n');
            var line = newline < 0 ? text : text[..newline];
            text = newline < 0 ? [] : text[(newline + 1)..];
            if (line.EndsWith('\r'))
            {
                line = line[..^1];
            }

            if (line.Length > options.MaxLineLength)
            {
                error = $"line {lineNumber}: {line.Length} characters long, more than the limit of {options.MaxLineLength}";
                return false;
            }

            if (!reader.TryRead(line, lineNumber, out error))
            {
                return false;
            }
        }

        return reader.TryFinish(out description, out error);
    }
}
