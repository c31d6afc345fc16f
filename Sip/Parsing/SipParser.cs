using Cinema.Sip.Messages;
using Cinema.Sip.Messages.Syntax;

namespace Cinema.Sip.Parsing;

/// <summary>
/// Parses one SIP message from bytes (a UDP datagram, or a frame cut by <see cref="SipStreamFramer"/>). Never
/// throws on bad input: every failure is a <see cref="ParseResult"/> with a reason. The returned message keeps a
/// reference to <paramref name="data"/>, which must not be changed afterwards.
/// </summary>
public static class SipParser
{
    public static ParseResult Parse(ReadOnlyMemory<byte> data, ParserLimits? limits = null)
    {
        limits ??= ParserLimits.Default;
        var span = data.Span;
        // RFC 3261 §7.5: ignore CRLFs before the start line.
        var start = 0;
        while (start < span.Length && span[start] is (byte)'\r' or (byte)'\n') start++;
        if (start == span.Length) return Fail(400, "empty message", MessageKind.Unknown, data, null);
        if (span.Length - start > limits.MaxMessageBytes) return Fail(400, "message too large", KindOf(span[start..]), data, null);

        var msg = data[start..];
        var s = msg.Span;
        var lineEnd = LineEnd(s, 0, out var next);
        if (lineEnd < 0) return Fail(400, "no end of start line", KindOf(s), data, null);
        if (lineEnd > limits.MaxLineBytes) return Fail(400, "start line too long", KindOf(s), data, null);
        var startLine = s[..lineEnd];

        var kind = KindOf(startLine);
        return kind == MessageKind.Response
            ? ParseResponse(msg, startLine, next, limits, start)
            : ParseRequest(msg, startLine, next, limits, start);
    }

    /// <summary>
    /// What the bytes claim to be, from the first bytes of the start line alone (after the CRLFs RFC 3261 §7.5 lets
    /// precede it): <see cref="MessageKind.Unknown"/> when there is nothing but CRLFs. Costs no parse, so that the
    /// transport can decide what to do with a datagram before it pays for parsing it.
    /// </summary>
    public static MessageKind PeekKind(ReadOnlySpan<byte> data)
    {
        var start = data.IndexOfAnyExcept((byte)'\r', (byte)'\n');
        return start < 0 ? MessageKind.Unknown : KindOf(data[start..]);
    }

    private static MessageKind KindOf(ReadOnlySpan<byte> s) =>
        s.Length >= 4 && CharClass.EqualsLower(s[..4], "sip/"u8) ? MessageKind.Response : MessageKind.Request;

    private static ParseResult ParseRequest(ReadOnlyMemory<byte> msg, ReadOnlySpan<byte> line, int headerStart, ParserLimits limits, int skipped)
    {
        // Request-Line = Method SP Request-URI SP SIP-Version: exactly one SP each (RFC 4475 §3.1.2.8-10).
        var sp1 = line.IndexOf((byte)' ');
        var sp2 = line.LastIndexOf((byte)' ');
        if (sp1 <= 0 || sp2 == sp1) return FailLine(msg, headerStart, limits, 400, "malformed request line");
        if (sp2 == line.Length - 1) return FailLine(msg, headerStart, limits, 400, "white space at the end of the request line");
        var method = line[..sp1];
        var uri = line[(sp1 + 1)..sp2];
        var version = line[(sp2 + 1)..];
        if (!CharClass.IsAllToken(method)) return FailLine(msg, headerStart, limits, 400, "method is not a token");
        if (uri.IsEmpty || uri.IndexOfAny((byte)' ', (byte)'\t') >= 0)
            return FailLine(msg, headerStart, limits, 400, "white space in the request line");
        if (CheckVersion(version) is { } versionError) return FailLine(msg, headerStart, limits, versionError.StatusCode, versionError.Reason);
        if (!UriSyntax.TryParse(uri, build: false, out _, out var uriHasHeaders, out var uriError))
            return FailLine(msg, headerStart, limits, 400, "bad Request-URI: " + uriError);
        if (uriHasHeaders) return FailLine(msg, headerStart, limits, 400, "Request-URI must not contain headers"); // RFC 3261 §19.1.1 table

        var methodName = SipMethod.Intern(method);
        if (ParseHeaders(msg, headerStart, limits, MessageKind.Request, methodName, out var facts, out var slots) is { } failure) return failure;
        var message = new SipRequest(msg[..(facts.BodyStart + facts.BodyLength)], methodName, (sp1 + 1)..sp2, slots!, facts);
        return ParseResult.Ok(message, skipped + facts.BodyStart + facts.BodyLength);
    }

    private static ParseResult ParseResponse(ReadOnlyMemory<byte> msg, ReadOnlySpan<byte> line, int headerStart, ParserLimits limits, int skipped)
    {
        // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase
        var sp1 = line.IndexOf((byte)' ');
        if (sp1 < 0) return Fail(400, "malformed status line", MessageKind.Response, msg, null);
        if (CheckVersion(line[..sp1]) is { } versionError) return Fail(versionError.StatusCode, versionError.Reason, MessageKind.Response, msg, null);
        var rest = line[(sp1 + 1)..];
        if (rest.Length < 3 || !CharClass.IsDigit(rest[0]) || !CharClass.IsDigit(rest[1]) || !CharClass.IsDigit(rest[2])
            || (rest.Length > 3 && rest[3] != ' ') || rest[0] is < (byte)'1' or > (byte)'6')
            return Fail(400, "status code must be three digits from 100 to 699", MessageKind.Response, msg, null);
        var code = ((rest[0] - '0') * 100) + ((rest[1] - '0') * 10) + (rest[2] - '0');
        var reason = rest.Length > 4 ? rest[4..] : default;
        foreach (var b in reason)
        {
            if (b < 0x20 && b != '\t' || b == 0x7F) return Fail(400, "control character in reason phrase", MessageKind.Response, msg, null);
        }
        if (ParseHeaders(msg, headerStart, limits, MessageKind.Response, null, out var facts, out var slots) is { } failure) return failure;
        var message = new SipResponse(msg[..(facts.BodyStart + facts.BodyLength)], code, ReasonPhrase(code, reason), slots!, facts);
        return ParseResult.Ok(message, skipped + facts.BodyStart + facts.BodyLength);
    }

    /// <summary>The reason phrase; the shared string when it is the usual one for the code ("OK", "Ringing"…).</summary>
    private static string ReasonPhrase(int code, ReadOnlySpan<byte> reason)
    {
        var usual = SipStatus.ReasonPhrase(code);
        return CharClass.EqualsText(reason, usual) ? usual : Text.Utf8String(reason);
    }

    private static ParseError? CheckVersion(ReadOnlySpan<byte> v)
    {
        // SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT, case-insensitive (RFC 3261 §7.1).
        if (CharClass.EqualsLower(v, "sip/2.0"u8)) return null;
        if (v.Length < 7 || !CharClass.EqualsLower(v[..4], "sip/"u8)) return new ParseError(400, "malformed SIP version");
        var dot = v[4..].IndexOf((byte)'.');
        if (dot <= 0 || dot == v.Length - 5) return new ParseError(400, "malformed SIP version");
        foreach (var b in v[4..])
        {
            if (b != '.' && !CharClass.IsDigit(b)) return new ParseError(400, "malformed SIP version");
        }
        return new ParseError(505, "Version Not Supported");
    }

    /// <summary>Index of the end of the line starting at <paramref name="from"/> (CRLF, or a bare LF), and where the next line starts.</summary>
    private static int LineEnd(ReadOnlySpan<byte> s, int from, out int next)
    {
        var lf = s[from..].IndexOf((byte)'\n');
        if (lf < 0)
        {
            next = -1;
            return -1;
        }
        lf += from;
        next = lf + 1;
        return lf > from && s[lf - 1] == '\r' ? lf - 1 : lf;
    }

    /// <summary>
    /// Indexes the header lines and checks each known header against its grammar in the same pass, while its
    /// bytes are in cache. A grammar error is held until the end of the header block, so that a framing error
    /// (no empty line, a line too long, too many headers) is the one reported when a message has both.
    /// </summary>
    private static ParseResult? ParseHeaders(ReadOnlyMemory<byte> msg, int pos, ParserLimits limits, MessageKind kind, string? method,
        out MessageFacts facts, out HeaderSlot[]? slots)
    {
        var s = msg.Span;
        facts = default;
        slots = null;
        var scratch = HeaderSlotScratch.Rent();
        var count = 0;
        var checks = new HeaderChecks();
        string? grammarError = null;
        int bodyStart;
        try
        {
            while (true)
            {
                if (pos > limits.MaxHeaderBytes)
                {
                    return Fail(400, "headers too large", kind, msg, null);
                }
                var end = LineEnd(s, pos, out var next);
                if (end < 0)
                {
                    // RFC 4475 §3.1.2.15 (original baddn.dat): the header block must end with an empty line.
                    return Fail(400, "message has no empty line after the headers", kind, msg, Slots(scratch, count));
                }
                if (end - pos > limits.MaxLineBytes)
                {
                    return Fail(400, "header line too long", kind, msg, Slots(scratch, count));
                }
                if (end == pos)
                {
                    bodyStart = next;
                    break;
                }
                // Continuation lines are folded into the header above (RFC 3261 §7.3.1).
                if (CharClass.IsWsp(s[pos]))
                {
                    return Fail(400, "header block starts with a continuation line", kind, msg, Slots(scratch, count));
                }
                var colon = s[pos..end].IndexOf((byte)':');
                if (colon < 0)
                {
                    return Fail(400, "header line without a colon", kind, msg, Slots(scratch, count));
                }
                var nameEnd = pos + colon;
                while (nameEnd > pos && CharClass.IsWsp(s[nameEnd - 1])) nameEnd--;
                var name = s[pos..nameEnd];
                if (!CharClass.IsAllToken(name))
                {
                    return Fail(400, "header name is not a token", kind, msg, Slots(scratch, count));
                }
                if (name.Length > HeaderSlot.MaxNameLength)
                {
                    return Fail(400, "header name too long", kind, msg, Slots(scratch, count));
                }
                // The value runs to the end of the last continuation line.
                var valueEnd = end;
                while (next < s.Length && CharClass.IsWsp(s[next]))
                {
                    var contEnd = LineEnd(s, next, out var afterCont);
                    if (contEnd < 0) break;
                    if (contEnd - next > limits.MaxLineBytes)
                    {
                        return Fail(400, "header line too long", kind, msg, Slots(scratch, count));
                    }
                    valueEnd = contEnd;
                    next = afterCont;
                }
                var valueStart = pos + colon + 1;
                while (valueStart < valueEnd && (CharClass.IsWsp(s[valueStart]) || s[valueStart] is (byte)'\r' or (byte)'\n')) valueStart++;
                // A blank last continuation line is white space too: kept in the value, it would end the header
                // block early when the value is written out again.
                while (valueEnd > valueStart && s[valueEnd - 1] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') valueEnd--;
                if (count == limits.MaxHeaderCount)
                {
                    return Fail(400, "too many headers", kind, msg, Slots(scratch, count));
                }
                var headerKind = HeaderNames.KindOf(name);
                if (count == scratch.Length) scratch = HeaderSlotScratch.Grow(scratch);
                scratch[count++] = new HeaderSlot(headerKind, pos, nameEnd - pos, valueStart, valueEnd - valueStart);
                if (grammarError is null && headerKind != HeaderKind.Unknown)
                {
                    grammarError = checks.Check(headerKind, s[valueStart..valueEnd], valueStart);
                }
                pos = next;
            }
            slots = Slots(scratch, count);
        }
        finally
        {
            HeaderSlotScratch.Return(scratch);
        }
        var error = grammarError ?? checks.Complete(s, method, bodyStart, out facts);
        return error is null ? null : Fail(400, error, kind, msg, slots);
    }

    /// <summary>
    /// A bad request line: the header lines are still indexed (not checked), so that the answer can copy Via, From,
    /// To, Call-ID and CSeq and reach the client.
    /// </summary>
    private static ParseResult FailLine(ReadOnlyMemory<byte> msg, int headerStart, ParserLimits limits, int status, string reason)
    {
        var headers = ParseHeaders(msg, headerStart, limits, MessageKind.Request, null, out _, out var slots);
        return ParseResult.Fail(new ParseError(status, reason), MessageKind.Request, msg, headers is { } failed ? failed.SlotArray : slots);
    }

    private static HeaderSlot[] Slots(HeaderSlot[] scratch, int count) => scratch.AsSpan(0, count).ToArray();

    private static ParseResult Fail(int status, string reason, MessageKind kind, ReadOnlyMemory<byte> data, HeaderSlot[]? slots) =>
        ParseResult.Fail(new ParseError(status, reason), kind, data, slots);
}
