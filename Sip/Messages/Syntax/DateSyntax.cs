using System.Globalization;

namespace Cinema.Sip.Messages.Syntax;

/// <summary>SIP-date = rfc1123-date, always in GMT (RFC 3261 §20.17; RFC 4475 §3.1.2.12 rejects "EST").</summary>
internal static class DateSyntax
{
    public static bool TryParse(ReadOnlySpan<byte> value, out DateTimeOffset date, out string? error)
    {
        Span<char> chars = stackalloc char[64];
        var v = value.Trim(" \t"u8);
        date = default;
        if (v.Length is < 20 or > 64 || !v.EndsWith(" GMT"u8))
        {
            error = "Date must be an RFC 1123 date in GMT";
            return false;
        }
        for (var i = 0; i < v.Length; i++) chars[i] = (char)v[i];
        if (!DateTimeOffset.TryParseExact(chars[..v.Length], "r", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out date))
        {
            error = "Date must be an RFC 1123 date in GMT";
            return false;
        }
        error = null;
        return true;
    }
}
