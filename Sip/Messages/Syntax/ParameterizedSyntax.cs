namespace Cinema.Sip.Messages.Syntax;

/// <summary>token *( SEMI param ) values: Event, Subscription-State, Reason, Session-Expires, Retry-After.</summary>
internal static class ParameterizedSyntax
{
    public static bool ReadList(ReadOnlySpan<byte> value, bool single, bool comment, List<ParameterizedValue>? sink, out string? error)
    {
        var s = new SipScanner(value);
        s.SkipLws();
        while (true)
        {
            if (!ReadOne(ref s, comment, sink, out error)) return false;
            s.SkipLws();
            if (s.AtEnd) return true;
            if (single || !s.TrySeparator((byte)','))
            {
                error = single ? "more than one value in a single-value header" : "values must be separated by commas";
                return false;
            }
        }
    }

    /// <summary>Checks Retry-After; builds the value only when <paramref name="build"/> (checking allocates nothing).</summary>
    public static bool ReadRetryAfter(ReadOnlySpan<byte> value, bool build, out ParameterizedValue? result, out string? error)
    {
        var list = build ? new List<ParameterizedValue>(1) : null;
        result = null;
        var s = new SipScanner(value);
        s.SkipLws();
        var d = s.Digits();
        if (d.Start.Value == d.End.Value)
        {
            error = "Retry-After is not a number of seconds";
            return false;
        }
        s.Pos = 0;
        s.SkipLws();
        if (!ReadOne(ref s, comment: true, list, out error)) return false;
        s.SkipLws();
        if (!s.AtEnd)
        {
            error = "unexpected text in Retry-After";
            return false;
        }
        result = list?[0];
        return true;
    }

    private static bool ReadOne(ref SipScanner s, bool comment, List<ParameterizedValue>? sink, out string? error)
    {
        var t = s.Token();
        if (t.Start.Value == t.End.Value)
        {
            error = "value is not a token";
            return false;
        }
        string? commentText = null;
        if (comment)
        {
            var save = s.Pos;
            s.SkipLws();
            if (s.Is((byte)'('))
            {
                var start = s.Pos;
                if (!s.Comment())
                {
                    error = "unterminated comment";
                    return false;
                }
                commentText = Text.Unfold(s.Source[(start + 1)..(s.Pos - 1)]);
            }
            else s.Pos = save;
        }
        var parameters = sink is null ? null : ScratchList<SipParameter>.Rent();
        if (!ParameterSyntax.HeaderParams(ref s, parameters, out error)) return false;
        sink?.Add(new ParameterizedValue(Text.Ascii(s.Source[t]), ParameterList.FromScratch(parameters!), commentText));
        return true;
    }
}
