namespace Cinema.Sip.Messages.Syntax;

/// <summary>1#token or *token comma lists: Require, Supported, Allow, Content-Encoding…</summary>
internal static class TokenListSyntax
{
    public static bool Read(ReadOnlySpan<byte> value, bool allowEmpty, List<string>? sink, out string? error)
    {
        var s = new SipScanner(value);
        s.SkipLws();
        if (s.AtEnd)
        {
            error = allowEmpty ? null : "empty list";
            return allowEmpty;
        }
        while (true)
        {
            var t = s.Token();
            if (t.Start.Value == t.End.Value)
            {
                error = "list item is not a token";
                return false;
            }
            sink?.Add(Intern(value[t]));
            s.SkipLws();
            if (s.AtEnd)
            {
                error = null;
                return true;
            }
            if (!s.TrySeparator((byte)','))
            {
                error = "list items must be separated by commas";
                return false;
            }
        }
    }

    private static string Intern(ReadOnlySpan<byte> token) => SipMethod.Intern(token);
}
