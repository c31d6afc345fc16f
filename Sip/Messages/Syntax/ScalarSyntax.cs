using System.Globalization;

namespace Cinema.Sip.Messages.Syntax;

/// <summary>Numbers, Call-ID, CSeq and other single-token header values.</summary>
internal static class ScalarSyntax
{
    /// <summary>Decimal digits to a number, saturating at long.MaxValue (callers check their own range).</summary>
    public static long ParseInt(ReadOnlySpan<byte> digits)
    {
        long v = 0;
        foreach (var b in digits)
        {
            v = v > (long.MaxValue - 9) / 10 ? long.MaxValue : (v * 10) + (b - '0');
        }
        return v;
    }

    /// <summary>delta-seconds as a value in [0, 2^32-1]: larger values are capped (RFC 3261 §20.19, §20.10).</summary>
    public static long? ParseDeltaSeconds(string text)
    {
        if (text.Length == 0) return null;
        foreach (var c in text)
        {
            if (c is < '0' or > '9') return null;
        }
        var trimmed = text.TrimStart('0');
        if (trimmed.Length > 10) return uint.MaxValue;
        return trimmed.Length == 0 ? 0 : Math.Min(long.Parse(trimmed, CultureInfo.InvariantCulture), uint.MaxValue);
    }

    /// <summary>Reads SWS 1*DIGIT SWS covering the whole value.</summary>
    public static bool WholeNumber(ReadOnlySpan<byte> value, long max, string what, out long number, out string? error)
    {
        var s = new SipScanner(value);
        s.SkipLws();
        var d = s.Digits();
        s.SkipLws();
        number = 0;
        var digits = value[d];
        if (digits.IsEmpty || !s.AtEnd)
        {
            error = what + " is not a number";
            return false;
        }
        number = ParseInt(digits);
        if (number > max)
        {
            error = what + " is out of range";
            return false;
        }
        error = null;
        return true;
    }

    /// <summary>Call-ID = word [ "@" word ] (RFC 3261 §25.1).</summary>
    public static bool CallId(ReadOnlySpan<byte> value, out string? error)
    {
        var v = value.Trim(" \t"u8);
        var at = CharClass.SkipRun(v, 0, CharClass.WordValues);
        var end = at < v.Length && at > 0 && v[at] == '@' ? CharClass.SkipRun(v, at + 1, CharClass.WordValues) : at;
        if (end < v.Length)
        {
            error = "Call-ID has an invalid character";
            return false;
        }
        if (v.IsEmpty || at == v.Length - 1)
        {
            error = "empty Call-ID";
            return false;
        }
        error = null;
        return true;
    }

    /// <summary>CSeq = 1*DIGIT LWS Method; the number must fit in 32 bits (RFC 3261 §8.1.1.5, RFC 4475 §3.1.2.4).</summary>
    public static bool CSeq(ReadOnlySpan<byte> value, out uint number, out Range method, out string? error)
    {
        var s = new SipScanner(value);
        s.SkipLws();
        var d = s.Digits();
        number = 0;
        method = default;
        if (d.Start.Value == d.End.Value || !s.SkipLws())
        {
            error = "CSeq must be a number and a method";
            return false;
        }
        var n = ParseInt(value[d]);
        if (n > uint.MaxValue)
        {
            error = "CSeq number is larger than 2^32-1";
            return false;
        }
        number = (uint)n;
        method = s.Token();
        s.SkipLws();
        if (method.Start.Value == method.End.Value || !s.AtEnd)
        {
            error = "CSeq method is not a token";
            return false;
        }
        error = null;
        return true;
    }
}
