using System.Text;

namespace Cinema.Sip.Messages.Syntax;

/// <summary>The two parameter grammars: header generic-param (RFC 3261 §25.1) and URI uri-parameter (§19.1.1).</summary>
internal static class ParameterSyntax
{
    /// <summary>
    /// Reads <c>*( SEMI generic-param )</c>. generic-param = token [ EQUAL gen-value ], gen-value = token / host /
    /// quoted-string. An empty parameter (<c>;;</c>) is an error: RFC 4475 §3.1.2.1.
    /// </summary>
    public static bool HeaderParams(ref SipScanner s, List<SipParameter>? sink, out string? error)
    {
        error = null;
        while (s.TrySeparator((byte)';'))
        {
            var name = s.Token();
            if (name.Start.Value == name.End.Value)
            {
                error = "empty or malformed parameter";
                return false;
            }
            string? value = null;
            var quoted = false;
            if (s.TrySeparator((byte)'='))
            {
                if (s.Is((byte)'"'))
                {
                    if (!s.QuotedString(out var inner))
                    {
                        error = "unterminated quoted parameter value";
                        return false;
                    }
                    quoted = true;
                    if (sink is not null) value = Text.Unquote(s.Source[inner]);
                }
                else
                {
                    // token / host: host adds ":" "[" "]" for IPv6 (received= may be unbracketed, RFC 5118 §4.5).
                    var start = s.Pos;
                    s.Pos = CharClass.SkipRun(s.Source, s.Pos, CharClass.GenValueValues);
                    if (s.Pos == start)
                    {
                        error = "parameter " + Encoding.UTF8.GetString(s.Source[name]) + " has an empty value";
                        return false;
                    }
                    if (sink is not null) value = Text.Ascii(s.Source[start..s.Pos]);
                }
            }
            sink?.Add(new SipParameter(Text.Name(s.Source[name]), value, quoted));
        }
        return true;
    }

    /// <summary>Reads <c>*( ";" uri-parameter )</c> with no white space; values are %-unescaped into the sink.</summary>
    public static bool UriParams(ReadOnlySpan<byte> s, ref int pos, List<SipParameter>? sink, out string? error)
    {
        error = null;
        while (pos < s.Length && s[pos] == ';')
        {
            pos++;
            var nameStart = pos;
            if (!ParamChars(s, ref pos, out error)) return false;
            if (pos == nameStart)
            {
                error = "empty URI parameter";
                return false;
            }
            var nameEnd = pos;
            var valueStart = -1;
            if (pos < s.Length && s[pos] == '=')
            {
                pos++;
                valueStart = pos;
                if (!ParamChars(s, ref pos, out error)) return false;
                if (pos == valueStart)
                {
                    error = "URI parameter with an empty value";
                    return false;
                }
            }
            if (sink is not null)
            {
                var nameText = s[nameStart..nameEnd];
                var name = nameText.Contains((byte)'%') ? Text.Unescape(nameText) : Text.Name(nameText);
                sink.Add(new SipParameter(name, valueStart < 0 ? null : Text.Unescape(s[valueStart..pos])));
            }
        }
        return true;
    }

    private static bool ParamChars(ReadOnlySpan<byte> s, ref int pos, out string? error)
    {
        error = null;
        while (pos < s.Length)
        {
            var b = s[pos];
            if (b == '%')
            {
                if (!Text.IsEscape(s, pos))
                {
                    error = "bad %-escape in URI parameter";
                    return false;
                }
                pos += 3;
            }
            else if (CharClass.IsParamChar(b)) pos++;
            else break;
        }
        return true;
    }
}
