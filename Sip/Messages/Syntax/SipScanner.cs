namespace Cinema.Sip.Messages.Syntax;

/// <summary>
/// A cursor over the bytes of one header value. Knows the RFC 3261 §25.1 lexical rules (LWS with line
/// folding, SWS-separated punctuation, tokens, quoted strings) and nothing about particular headers.
/// Failures are reported by return value; the caller names what it was reading.
/// </summary>
internal ref struct SipScanner
{
    private readonly ReadOnlySpan<byte> _s;

    public SipScanner(ReadOnlySpan<byte> s)
    {
        _s = s;
        Pos = 0;
    }

    public int Pos;

    public readonly ReadOnlySpan<byte> Source => _s;
    public readonly bool AtEnd => Pos >= _s.Length;
    public readonly byte Current => _s[Pos];
    public readonly int Remaining => _s.Length - Pos;
    public readonly ReadOnlySpan<byte> Rest => _s[Pos..];

    public readonly bool Is(byte b) => Pos < _s.Length && _s[Pos] == b;

    /// <summary>True when LWS starts at <paramref name="at"/>: WSP, or a line fold (CRLF or LF followed by WSP).</summary>
    public readonly bool IsLwsAt(int at)
    {
        if (at >= _s.Length) return false;
        var b = _s[at];
        if (CharClass.IsWsp(b)) return true;
        if (b == '\r' && at + 2 < _s.Length && _s[at + 1] == '\n') return CharClass.IsWsp(_s[at + 2]);
        if (b == '\n' && at + 1 < _s.Length) return CharClass.IsWsp(_s[at + 1]);
        return false;
    }

    /// <summary>Skips optional linear white space (SWS). Returns whether any was skipped.</summary>
    public bool SkipLws()
    {
        var start = Pos;
        while (Pos < _s.Length)
        {
            var b = _s[Pos];
            if (CharClass.IsWsp(b)) Pos++;
            else if (b == '\r' && Pos + 2 < _s.Length && _s[Pos + 1] == '\n' && CharClass.IsWsp(_s[Pos + 2])) Pos += 3;
            else if (b == '\n' && Pos + 1 < _s.Length && CharClass.IsWsp(_s[Pos + 1])) Pos += 2;
            else break;
        }
        return Pos > start;
    }

    /// <summary>SWS c SWS, the shape of SEMI, COMMA, EQUAL, SLASH, COLON (RFC 3261 §25.1). Restores position when absent.</summary>
    public bool TrySeparator(byte c)
    {
        var save = Pos;
        SkipLws();
        if (Pos < _s.Length && _s[Pos] == c)
        {
            Pos++;
            SkipLws();
            return true;
        }
        Pos = save;
        return false;
    }

    public bool TryByte(byte c)
    {
        if (Pos < _s.Length && _s[Pos] == c)
        {
            Pos++;
            return true;
        }
        return false;
    }

    /// <summary>Reads 1*token characters; returns the range, or an empty range when none.</summary>
    public Range Token()
    {
        var start = Pos;
        Pos = CharClass.SkipRun(_s, Pos, CharClass.TokenValues);
        return start..Pos;
    }

    public Range Digits()
    {
        var start = Pos;
        while (Pos < _s.Length && CharClass.IsDigit(_s[Pos])) Pos++;
        return start..Pos;
    }

    /// <summary>
    /// Reads a quoted-string starting at DQUOTE. The range excludes the quotes and still holds escapes.
    /// Fails on an unterminated string, a bare CR/LF that is not a fold, or a control character.
    /// </summary>
    public bool QuotedString(out Range inner)
    {
        inner = default;
        if (!Is((byte)'"')) return false;
        var start = ++Pos;
        while (Pos < _s.Length)
        {
            var b = _s[Pos];
            if (b == '"')
            {
                inner = start..Pos;
                Pos++;
                return true;
            }
            if (b == '\\')
            {
                // quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F)
                if (Pos + 1 >= _s.Length) return false;
                var next = _s[Pos + 1];
                if (next is (byte)'\r' or (byte)'\n' || next > 0x7F) return false;
                Pos += 2;
                continue;
            }
            if (b is (byte)'\r' or (byte)'\n')
            {
                if (!IsLwsAt(Pos)) return false;
                SkipLws();
                continue;
            }
            // qdtext = LWS / %x21 / %x23-5B / %x5D-7E / UTF8-NONASCII
            if (b < 0x20 && b != '\t') return false;
            if (b == 0x7F) return false;
            Pos++;
        }
        return false;
    }

    /// <summary>Skips a parenthesised comment (RFC 3261 §25.1 comment, nesting allowed). Position must be at "(".</summary>
    public bool Comment()
    {
        if (!Is((byte)'(')) return false;
        var depth = 0;
        while (Pos < _s.Length)
        {
            var b = _s[Pos];
            if (b == '\\')
            {
                Pos += 2;
                continue;
            }
            if (b == '(') depth++;
            else if (b == ')' && --depth == 0)
            {
                Pos++;
                return true;
            }
            else if (b is (byte)'\r' or (byte)'\n' && !IsLwsAt(Pos)) return false;
            Pos++;
        }
        return false;
    }
}
