namespace Cinema.Sip.Messages.Syntax;

/// <summary>host = hostname / IPv4address / IPv6reference (RFC 3261 §25.1, with RFC 5118 for IPv6).</summary>
internal static class HostSyntax
{
    /// <summary>Reads a host at <paramref name="pos"/>; returns its extent (brackets included for IPv6).</summary>
    public static bool Read(ReadOnlySpan<byte> s, ref int pos, out string? error)
    {
        error = null;
        var start = pos;
        if (pos < s.Length && s[pos] == '[')
        {
            var close = s[pos..].IndexOf((byte)']');
            if (close < 0)
            {
                error = "IPv6 reference without closing ]";
                return false;
            }
            if (!IsIPv6(s.Slice(pos + 1, close - 1)))
            {
                error = "invalid IPv6 address in host";
                return false;
            }
            pos += close + 1;
            return true;
        }
        pos = CharClass.SkipRun(s, pos, CharClass.HostValues);
        if (pos == start)
        {
            error = "missing host";
            return false;
        }
        var host = s[start..pos];
        if (host[0] is (byte)'.' or (byte)'-' || host.IndexOf(".."u8) >= 0)
        {
            error = "malformed host name";
            return false;
        }
        if (LooksNumeric(host) && !IsIPv4(host))
        {
            error = pos < s.Length && s[pos] == ':'
                ? "IPv6 address must be enclosed in [] (RFC 5118 section 4.2)"
                : "invalid IPv4 address in host";
            return false;
        }
        return true;
    }

    private static bool LooksNumeric(ReadOnlySpan<byte> host)
    {
        foreach (var b in host)
        {
            if (!CharClass.IsDigit(b) && b != '.') return false;
        }
        return true;
    }

    public static bool IsIPv4(ReadOnlySpan<byte> s)
    {
        var parts = 0;
        var i = 0;
        while (true)
        {
            var start = i;
            var value = 0;
            while (i < s.Length && CharClass.IsDigit(s[i]) && i - start < 3) value = (value * 10) + (s[i++] - '0');
            if (i == start || value > 255) return false;
            parts++;
            if (i == s.Length) return parts == 4;
            if (s[i] != '.' || parts == 4) return false;
            i++;
        }
    }

    /// <summary>
    /// RFC 3986 IPv6address: at most one "::", 1–4 hex digits per group, optional dotted IPv4 tail, 8 groups in
    /// all (fewer only with "::"). Rejects "2001:db8:::192.0.2.1" (RFC 5118 §4.10).
    /// </summary>
    public static bool IsIPv6(ReadOnlySpan<byte> s)
    {
        if (s.Length < 2) return false;
        var dbl = s.IndexOf("::"u8);
        if (dbl >= 0)
        {
            if (s[(dbl + 2)..].IndexOf("::"u8) >= 0) return false;
            var head = s[..dbl];
            var tail = s[(dbl + 2)..];
            if (!Groups(head, allowV4Tail: false, out var h)) return false;
            if (!Groups(tail, allowV4Tail: true, out var t)) return false;
            return h + t <= 7;
        }
        return Groups(s, allowV4Tail: true, out var n) && n == 8;
    }

    private static bool Groups(ReadOnlySpan<byte> s, bool allowV4Tail, out int count)
    {
        count = 0;
        if (s.IsEmpty) return true;
        var i = 0;
        while (true)
        {
            var start = i;
            while (i < s.Length && CharClass.IsHex(s[i])) i++;
            if (i < s.Length && s[i] == '.')
            {
                // IPv4 tail: only as the last element, counts as two groups.
                if (!allowV4Tail || !IsIPv4(s[start..])) return false;
                count += 2;
                return true;
            }
            var len = i - start;
            if (len is 0 or > 4) return false;
            count++;
            if (i == s.Length) return true;
            if (s[i] != ':') return false;
            i++;
            if (i == s.Length) return false;
        }
    }
}
