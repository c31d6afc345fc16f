using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Cinema.Sip.Sdp;

// The line-by-line state machine behind SdpParser. RFC 8866 §5 fixes the order of every line,
// but phones are sloppy about the details, so only the order that carries meaning is enforced:
// v=, o=, s= first, and session-only lines before the first m=.
internal sealed partial class SdpReader(SdpParserOptions options)
{
    private const int PreviewLength = 40;

    private readonly SessionBuilder _session = new();
    private readonly ImmutableArray<MediaDescription>.Builder _media = ImmutableArray.CreateBuilder<MediaDescription>();
    private MediaBuilder? _currentMedia;
    private int _linesSeen;

    public bool TryRead(ReadOnlySpan<char> line, int lineNumber, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (line.IsEmpty)
        {
            // Blank lines are not SDP, but trailing ones are common enough to skip quietly.
            return true;
        }

        var bad = line.IndexOfAny('\r', '\0');
        if (bad >= 0)
        {
            error = $"line {lineNumber}: contains a {(line[bad] == '\r' ? "bare CR" : "NUL character")}, which SDP text may not hold (RFC 8866 §9)";
            return false;
        }

        if (line.Length < 2 || line[1] != '=')
        {
            error = $"line {lineNumber}: expected <type>=<value> (RFC 8866 §5) but found \"{Preview(line)}\"";
            return false;
        }

        var type = line[0];
        if (type is < 'a' or > 'z')
        {
            error = $"line {lineNumber}: type '{type}' is not a lowercase letter (RFC 8866 §5)";
            return false;
        }

        var value = line[2..];
        _linesSeen++;
        string? problem;
        var ok = _linesSeen switch
        {
            1 => TryReadVersion(type, value, out problem),
            2 => TryReadOrigin(type, value, out problem),
            3 => TryReadSessionName(type, value, out problem),
            _ => _currentMedia is null ? TryReadSessionLine(type, value, out problem) : TryReadMediaLine(type, value, out problem),
        };

        if (!ok)
        {
            error = $"line {lineNumber}: {problem}";
        }

        return ok;
    }

    public bool TryFinish([NotNullWhen(true)] out SessionDescription? description, [NotNullWhen(false)] out string? error)
    {
        description = null;
        if (_linesSeen < 3)
        {
            error = _linesSeen switch
            {
                0 => "SDP body is empty",
                1 => "SDP body ends after 'v='; 'o=' and 's=' are required (RFC 8866 §5)",
                _ => "SDP body ends after 'o='; 's=' is required (RFC 8866 §5)",
            };
            return false;
        }

        FinishMedia();
        description = _session.Build(_media.DrainToImmutable());
        error = null;
        return true;
    }

    private static bool TryReadVersion(char type, ReadOnlySpan<char> value, [NotNullWhen(false)] out string? problem)
    {
        problem = type != 'v'
            ? $"SDP must start with 'v=' (RFC 8866 §5) but starts with '{type}='"
            : !value.SequenceEqual("0") ? $"version \"{Preview(value)}\" is not supported; only v=0 exists (RFC 8866 §5.1)" : null;
        return problem is null;
    }

    private bool TryReadOrigin(char type, ReadOnlySpan<char> value, [NotNullWhen(false)] out string? problem)
    {
        if (type != 'o')
        {
            problem = $"expected 'o=' after 'v=' (RFC 8866 §5) but found '{type}='";
            return false;
        }

        if (!SdpFieldParser.TryParseOrigin(value, out var origin, out problem))
        {
            return false;
        }

        _session.Origin = origin;
        return true;
    }

    private bool TryReadSessionName(char type, ReadOnlySpan<char> value, [NotNullWhen(false)] out string? problem)
    {
        if (type != 's')
        {
            problem = $"expected 's=' after 'o=' (RFC 8866 §5) but found '{type}='";
            return false;
        }

        _session.SessionName = value.ToString();
        problem = null;
        return true;
    }

    private bool TryReadSessionLine(char type, ReadOnlySpan<char> value, [NotNullWhen(false)] out string? problem)
    {
        problem = null;
        switch (type)
        {
            case 'v' or 'o' or 's':
                problem = $"duplicate '{type}=' line; it may appear only once (RFC 8866 §5)";
                return false;
            case 'i':
                return TrySetOnce(ref _session.Information, type, value, out problem);
            case 'u':
                return TrySetOnce(ref _session.Uri, type, value, out problem);
            case 'e':
                _session.Emails.Add(value.ToString());
                return true;
            case 'p':
                _session.Phones.Add(value.ToString());
                return true;
            case 'c':
                if (_session.Connection is not null)
                {
                    problem = "duplicate session-level 'c=' line (RFC 8866 §5.7)";
                    return false;
                }

                if (!SdpFieldParser.TryParseConnection(value, out var connection, out problem))
                {
                    return false;
                }

                _session.Connection = connection;
                return true;
            case 'b':
                return TryAddBandwidth(_session.Bandwidths, value, out problem);
            case 't':
                if (!SdpFieldParser.TryParseTiming(value, out var timing, out problem))
                {
                    return false;
                }

                _session.FinishTiming();
                _session.CurrentTiming = timing;
                return true;
            case 'r':
                if (_session.CurrentTiming is null)
                {
                    problem = "'r=' must follow a 't=' line (RFC 8866 §5.10)";
                    return false;
                }

                _session.Repeats.Add(value.ToString());
                return true;
            case 'z':
                return TrySetOnce(ref _session.TimeZones, type, value, out problem);
            case 'k':
                return TrySetOnce(ref _session.EncryptionKey, type, value, out problem);
            case 'a':
                return TryAddAttribute(_session.Attributes, value, out problem);
            case 'm':
                return TryStartMedia(value, out problem);
            default:
                _session.UnknownLines.Add(new SdpLine(type, value.ToString()));
                return true;
        }
    }

    private bool TryReadMediaLine(char type, ReadOnlySpan<char> value, [NotNullWhen(false)] out string? problem)
    {
        var media = _currentMedia!;
        problem = null;
        switch (type)
        {
            case 'm':
                return TryStartMedia(value, out problem);
            case 'i':
                return TrySetOnce(ref media.Information, type, value, out problem);
            case 'c':
                if (!SdpFieldParser.TryParseConnection(value, out var connection, out problem))
                {
                    return false;
                }

                media.Connections.Add(connection);
                return true;
            case 'b':
                return TryAddBandwidth(media.Bandwidths, value, out problem);
            case 'k':
                return TrySetOnce(ref media.EncryptionKey, type, value, out problem);
            case 'a':
                return TryAddAttribute(media.Attributes, value, out problem);
            case 'v' or 'o' or 's' or 'u' or 'e' or 'p' or 't' or 'r' or 'z':
                problem = $"'{type}=' is a session-level line and must come before the first 'm=' line (RFC 8866 §5)";
                return false;
            default:
                media.UnknownLines.Add(new SdpLine(type, value.ToString()));
                return true;
        }
    }

    private bool TryStartMedia(ReadOnlySpan<char> value, [NotNullWhen(false)] out string? problem)
    {
        if (_media.Count + (_currentMedia is null ? 0 : 1) >= options.MaxMediaDescriptions)
        {
            problem = $"more than {options.MaxMediaDescriptions} 'm=' sections";
            return false;
        }

        if (!SdpFieldParser.TryParseMedia(value, out var media, out problem))
        {
            return false;
        }

        FinishMedia();
        _currentMedia = new MediaBuilder(media);
        return true;
    }

    private void FinishMedia()
    {
        if (_currentMedia is not null)
        {
            _media.Add(_currentMedia.Build());
            _currentMedia = null;
        }
    }

    private static bool TrySetOnce(ref string? field, char type, ReadOnlySpan<char> value, [NotNullWhen(false)] out string? problem)
    {
        if (field is not null)
        {
            problem = $"duplicate '{type}=' line; it may appear only once per section (RFC 8866 §5)";
            return false;
        }

        field = value.ToString();
        problem = null;
        return true;
    }

    private static bool TryAddBandwidth(ImmutableArray<SdpBandwidth>.Builder target, ReadOnlySpan<char> value, [NotNullWhen(false)] out string? problem)
    {
        if (!SdpFieldParser.TryParseBandwidth(value, out var bandwidth, out problem))
        {
            return false;
        }

        target.Add(bandwidth);
        return true;
    }

    private static bool TryAddAttribute(ImmutableArray<SdpAttribute>.Builder target, ReadOnlySpan<char> value, [NotNullWhen(false)] out string? problem)
    {
        if (!SdpFieldParser.TryParseAttribute(value, out var attribute, out problem))
        {
            return false;
        }

        target.Add(attribute);
        return true;
    }

    private static string Preview(ReadOnlySpan<char> text)
        => text.Length <= PreviewLength ? text.ToString() : string.Concat(text[..PreviewLength], "…");
}
