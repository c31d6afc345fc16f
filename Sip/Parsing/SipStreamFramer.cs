using Cinema.Sip.Messages.Syntax;

namespace Cinema.Sip.Parsing;

/// <summary>What <see cref="SipStreamFramer.TryRead"/> found.</summary>
public enum FrameKind : byte
{
    /// <summary>Not enough bytes yet.</summary>
    NeedMore = 0,

    /// <summary>A complete message (not yet parsed).</summary>
    Message,

    /// <summary>An RFC 5626 §4.4.1 keep-alive ping (CRLFCRLF): answer with a single CRLF.</summary>
    Ping,

    /// <summary>A single CRLF (an RFC 5626 pong, or noise between messages): nothing to do.</summary>
    Pong,

    /// <summary>The stream cannot be framed (no or bad Content-Length, a message over the limits): close it.</summary>
    Error,
}

/// <summary>
/// Cuts a TCP/TLS byte stream into messages by Content-Length (RFC 3261 §18.3, where it is mandatory) and
/// recognises RFC 5626 keep-alives. Buffers at most one message, within <see cref="ParserLimits"/>. Not thread-safe:
/// one per connection.
/// </summary>
public sealed class SipStreamFramer
{
    private readonly ParserLimits _limits;
    private byte[] _buffer;
    private int _start;
    private int _end;

    public SipStreamFramer(ParserLimits? limits = null)
    {
        _limits = limits ?? ParserLimits.Default;
        _buffer = new byte[4096];
    }

    /// <summary>Bytes received but not yet returned as a frame.</summary>
    public int Buffered => _end - _start;

    /// <summary>Where the next receive may write: at least <paramref name="sizeHint"/> bytes (call <see cref="Advance"/> after).</summary>
    public Memory<byte> GetWriteBuffer(int sizeHint = 4096)
    {
        if (_buffer.Length - _end < sizeHint)
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            if (_buffer.Length - _end < sizeHint)
            {
                var bigger = new byte[Math.Max(_buffer.Length * 2, _end + sizeHint)];
                Buffer.BlockCopy(_buffer, 0, bigger, 0, _end);
                _buffer = bigger;
            }
        }
        return _buffer.AsMemory(_end);
    }

    public void Advance(int count) => _end += count;

    public void Append(ReadOnlySpan<byte> data)
    {
        data.CopyTo(GetWriteBuffer(data.Length).Span);
        Advance(data.Length);
    }

    /// <summary>
    /// Takes the next frame from the buffered bytes. A <see cref="FrameKind.Message"/> frame is a fresh array the
    /// caller owns (it can back a parsed message). After <see cref="FrameKind.Error"/> the stream must be closed.
    /// </summary>
    public FrameKind TryRead(out byte[]? frame, out string? error)
    {
        frame = null;
        error = null;
        var s = _buffer.AsSpan(_start, _end - _start);
        if (s.IsEmpty) return FrameKind.NeedMore;
        if (s[0] is (byte)'\r' or (byte)'\n')
        {
            if (s.StartsWith("\r\n\r\n"u8))
            {
                _start += 4;
                return FrameKind.Ping;
            }
            if (s.Length < 4 && "\r\n\r\n"u8.StartsWith(s)) return FrameKind.NeedMore;
            _start += s[0] == '\r' && s.Length > 1 && s[1] == '\n' ? 2 : 1;
            return FrameKind.Pong;
        }

        // The header limit counts up to the start of the empty line, as SipParser does: an empty line that starts
        // at the limit is allowed, so up to two more bytes may be needed to see it.
        var headerEnd = HeaderEnd(s, out var emptyLine);
        if (headerEnd < 0)
        {
            if (s.Length > _limits.MaxHeaderBytes + 1) return Fail("headers too large", out error);
            return FrameKind.NeedMore;
        }
        if (emptyLine > _limits.MaxHeaderBytes) return Fail("headers too large", out error);
        var contentLength = ContentLength(s[..headerEnd], out error);
        if (contentLength < 0) return FrameKind.Error;
        var total = (long)headerEnd + contentLength;
        if (total > _limits.MaxMessageBytes) return Fail("message too large", out error);
        if (s.Length < total) return FrameKind.NeedMore;
        frame = s[..(int)total].ToArray();
        _start += (int)total;
        if (_start == _end) _start = _end = 0;
        return FrameKind.Message;
    }

    private static FrameKind Fail(string reason, out string? error)
    {
        error = reason;
        return FrameKind.Error;
    }

    /// <summary>Offset just after the empty line that ends the headers, or -1; and where that empty line starts.</summary>
    private static int HeaderEnd(ReadOnlySpan<byte> s, out int emptyLine)
    {
        var from = 0;
        while (true)
        {
            var lf = s[from..].IndexOf((byte)'\n');
            emptyLine = from + lf + 1;
            if (lf < 0) return -1;
            var next = emptyLine;
            if (next < s.Length && s[next] == '\n') return next + 1;
            if (next + 1 < s.Length && s[next] == '\r' && s[next + 1] == '\n') return next + 2;
            if (next >= s.Length || (next + 1 >= s.Length && s[next] == '\r')) return -1;
            from = next;
        }
    }

    /// <summary>
    /// Finds Content-Length (or its compact form l) in the header block; -1 with a reason when absent or bad. The
    /// value is read with the parser's grammar (it may be folded, RFC 3261 §7.3.1), so that the framer cuts every
    /// message the parser would accept.
    /// </summary>
    private static long ContentLength(ReadOnlySpan<byte> headers, out string? error)
    {
        long found = -1;
        var pos = 0;
        while (pos < headers.Length)
        {
            // One header: its line and any continuation lines.
            var start = pos;
            pos = NextLine(headers, pos);
            while (pos < headers.Length && CharClass.IsWsp(headers[pos])) pos = NextLine(headers, pos);
            var field = headers[start..pos];
            var colon = field.IndexOf((byte)':');
            if (colon <= 0) continue;
            var name = field[..colon].TrimEnd(" \t"u8);
            if (!CharClass.EqualsLower(name, "content-length"u8) && !CharClass.EqualsLower(name, "l"u8)) continue;
            if (found >= 0)
            {
                error = "more than one Content-Length";
                return -1;
            }
            // Trimmed as the parser trims a header value, so both read the same bytes.
            var value = field[(colon + 1)..].Trim(" \t\r\n"u8);
            if (!ScalarSyntax.WholeNumber(value, int.MaxValue, "Content-Length", out found, out _))
            {
                error = "invalid Content-Length";
                return -1;
            }
        }
        error = found < 0 ? "Content-Length is required on a stream transport (RFC 3261 section 18.3)" : null;
        return found;
    }

    private static int NextLine(ReadOnlySpan<byte> s, int from)
    {
        var lf = s[from..].IndexOf((byte)'\n');
        return lf < 0 ? s.Length : from + lf + 1;
    }
}
