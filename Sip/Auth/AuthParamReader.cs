using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Cinema.Sip.Auth;

/// <summary>
/// Splits an authentication header value into its scheme and auth-params, unquoting quoted-strings.
/// Grammar: RFC 3261 §25.1 (challenge / credentials, LWS around EQUAL and COMMA) and RFC 7235 §2.1
/// (empty list elements allowed). Never throws on bad input: it reports why the value was refused.
/// </summary>
internal static class AuthParamReader
{
    // Guards against pathological input; real digest headers are a few hundred bytes.
    internal const int MaxLength = 8192;
    internal const int MaxParameters = 64;

    public static bool TryReadHeader(
        string? headerValue,
        string expectedScheme,
        [NotNullWhen(true)] out string? scheme,
        [NotNullWhen(true)] out List<KeyValuePair<string, string?>>? parameters,
        [NotNullWhen(false)] out string? error)
    {
        scheme = null;
        parameters = null;
        if (!CheckLength(headerValue, out error))
        {
            return false;
        }

        var text = headerValue!;
        var position = SkipWhitespace(text, 0);
        var schemeStart = position;
        while (position < text.Length && IsTokenChar(text[position]))
        {
            position++;
        }

        if (position == schemeStart)
        {
            error = "missing authentication scheme";
            return false;
        }

        if (position < text.Length && !IsWhitespace(text[position]))
        {
            error = $"unexpected character '{text[position]}' after the scheme";
            return false;
        }

        scheme = text[schemeStart..position];

        // Checked before the parameters: other schemes (e.g. token68 forms) need not parse as auth-params.
        if (!string.Equals(scheme, expectedScheme, StringComparison.OrdinalIgnoreCase))
        {
            error = $"scheme '{scheme}' is not {expectedScheme}";
            scheme = null;
            return false;
        }

        parameters = [];
        if (!TryReadParameters(text, position, parameters, out error))
        {
            scheme = null;
            parameters = null;
            return false;
        }

        return true;
    }

    public static bool TryReadParameterList(
        string? text,
        [NotNullWhen(true)] out List<KeyValuePair<string, string?>>? parameters,
        [NotNullWhen(false)] out string? error)
    {
        parameters = null;
        if (!CheckLength(text, out error))
        {
            return false;
        }

        parameters = [];
        if (!TryReadParameters(text!, 0, parameters, out error))
        {
            parameters = null;
            return false;
        }

        return true;
    }

    internal static bool IsTokenChar(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
        or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';

    private static bool CheckLength(string? text, [NotNullWhen(false)] out string? error)
    {
        error = text switch
        {
            null => "header value is missing",
            { Length: > MaxLength } => $"header value is longer than {MaxLength} characters",
            _ => null,
        };
        return error is null;
    }

    private static bool TryReadParameters(string text, int position, List<KeyValuePair<string, string?>> into, [NotNullWhen(false)] out string? error)
    {
        while (true)
        {
            // RFC 7235 §2.1 / RFC 7230 §7: empty list elements (", ,") are tolerated.
            while (position < text.Length && (IsWhitespace(text[position]) || text[position] == ','))
            {
                position++;
            }

            if (position >= text.Length)
            {
                error = null;
                return true;
            }

            if (into.Count == MaxParameters)
            {
                error = $"more than {MaxParameters} parameters";
                return false;
            }

            var nameStart = position;
            while (position < text.Length && IsTokenChar(text[position]))
            {
                position++;
            }

            if (position == nameStart)
            {
                error = $"expected a parameter name at position {position}, found '{text[position]}'";
                return false;
            }

            var name = text[nameStart..position];
            position = SkipWhitespace(text, position);
            if (position >= text.Length || text[position] != '=')
            {
                error = $"parameter '{name}' has no '=' and value";
                return false;
            }

            position = SkipWhitespace(text, position + 1);
            string? value;
            if (position < text.Length && text[position] == '"')
            {
                if (!TryReadQuotedString(text, ref position, out value, out error))
                {
                    error = $"parameter '{name}': {error}";
                    return false;
                }
            }
            else
            {
                // Lenient on purpose: some SIP stacks send uri=sip:x@y unquoted, which is not a token.
                var valueStart = position;
                while (position < text.Length && !IsWhitespace(text[position]) && text[position] is not (',' or '"') && !char.IsControl(text[position]))
                {
                    position++;
                }

                if (position == valueStart)
                {
                    error = $"parameter '{name}' has an empty or invalid value";
                    return false;
                }

                value = text[valueStart..position];
            }

            into.Add(new KeyValuePair<string, string?>(name, value));
            position = SkipWhitespace(text, position);
            if (position < text.Length && text[position] != ',')
            {
                error = $"expected ',' after parameter '{name}', found '{text[position]}'";
                return false;
            }
        }
    }

    // RFC 3261 §25.1 quoted-string with quoted-pair; position starts on the opening quote and ends after the closing one.
    private static bool TryReadQuotedString(string text, ref int position, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out string? error)
    {
        var builder = new StringBuilder();
        position++;
        while (position < text.Length)
        {
            var c = text[position];
            if (c == '"')
            {
                position++;
                value = builder.ToString();
                error = null;
                return true;
            }

            if (c == '\\')
            {
                position++;
                if (position >= text.Length)
                {
                    break;
                }

                c = text[position];
            }

            if (char.IsControl(c) && c != '\t')
            {
                value = null;
                error = "control character in quoted string";
                return false;
            }

            builder.Append(c);
            position++;
        }

        value = null;
        error = "unterminated quoted string";
        return false;
    }

    private static int SkipWhitespace(string text, int position)
    {
        while (position < text.Length && IsWhitespace(text[position]))
        {
            position++;
        }

        return position;
    }

    // Header values handed to us should be unfolded already; CR/LF are tolerated as folding leftovers.
    private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';
}
