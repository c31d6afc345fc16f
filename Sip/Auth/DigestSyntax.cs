using System.Diagnostics.CodeAnalysis;

namespace Cinema.Sip.Auth;

/// <summary>Value-level rules shared by the digest header types.</summary>
internal static class DigestSyntax
{
    public const string Scheme = "Digest";

    public static string ToToken(this DigestQop qop) => qop == DigestQop.AuthInt ? "auth-int" : "auth";

    public static bool TryParseQop(string? text, out DigestQop qop)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "AUTH":
                qop = DigestQop.Auth;
                return true;
            case "AUTH-INT":
                qop = DigestQop.AuthInt;
                return true;
            default:
                qop = default;
                return false;
        }
    }

    // RFC 2617 §3.2.1: anything other than "true" (case-insensitive) means false; RFC 7616 §3.3/§3.4 keep that for userhash.
    public static bool ParseFlag(string? text) => string.Equals(text?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    public static string FormatFlag(bool value) => value ? "true" : "false";

    // RFC 7616 §3.4 / RFC 3261 §25.1: nc-value = 8LHEX. Uppercase is tolerated on input.
    public static bool IsNonceCount([NotNullWhen(true)] string? text) =>
        text is { Length: 8 } && text.All(char.IsAsciiHexDigit);

    public static string FormatNonceCount(uint count) => count.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);

    public static bool IsHex([NotNullWhen(true)] string? text, int length) =>
        text is not null && text.Length == length && text.All(char.IsAsciiHexDigit);

    public static bool HasControlCharacter(string value) => value.Any(c => char.IsControl(c) && c != '\t');

    /// <summary>Rejects values that could not be written back safely inside a quoted-string (header injection).</summary>
    public static string? CheckQuotable(string? value, string parameter) =>
        value is not null && HasControlCharacter(value)
            ? throw new ArgumentException($"The {parameter} value contains a control character.", parameter)
            : value;

    public static string CheckRequiredQuotable(string value, string parameter)
    {
        ArgumentNullException.ThrowIfNull(value, parameter);
        return CheckQuotable(value, parameter)!;
    }
}
