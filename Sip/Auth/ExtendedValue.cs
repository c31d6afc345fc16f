using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Cinema.Sip.Auth;

/// <summary>
/// Decodes RFC 8187 §3.2 ext-values (<c>UTF-8'lang'%xx...</c>), used by RFC 7616 §3.4 "username*".
/// Only UTF-8 is accepted: RFC 7616 §3.4.4 allows no other charset.
/// </summary>
internal static class ExtendedValue
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool TryDecode(string? text, [NotNullWhen(true)] out string? value)
    {
        value = null;
        if (text is null || !text.StartsWith("UTF-8'", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var languageEnd = text.IndexOf('\'', 6);
        if (languageEnd < 0)
        {
            return false;
        }

        var encoded = text.AsSpan(languageEnd + 1);
        var bytes = new List<byte>(encoded.Length);
        for (var i = 0; i < encoded.Length; i++)
        {
            var c = encoded[i];
            if (c == '%')
            {
                if (i + 2 >= encoded.Length || !char.IsAsciiHexDigit(encoded[i + 1]) || !char.IsAsciiHexDigit(encoded[i + 2]))
                {
                    return false;
                }

                bytes.Add(Convert.FromHexString(encoded.Slice(i + 1, 2))[0]);
                i += 2;
            }
            else if (c < 0x80 && AuthParamReader.IsTokenChar(c) && c != '*' && c != '\'' && c != '%')
            {
                bytes.Add((byte)c);
            }
            else
            {
                return false;
            }
        }

        try
        {
            value = StrictUtf8.GetString([.. bytes]);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        return !DigestSyntax.HasControlCharacter(value);
    }
}
