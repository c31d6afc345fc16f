namespace Cinema.Sip.Messages.Syntax;

/// <summary>media-type (Content-Type) and the media-range list of Accept (RFC 3261 §20.1, §20.15).</summary>
internal static class MediaTypeSyntax
{
    /// <summary>Checks a single media type; builds it only when <paramref name="build"/> (checking allocates nothing).</summary>
    public static bool ReadSingle(ReadOnlySpan<byte> value, bool build, out MediaType? type, out string? error)
    {
        var list = build ? new List<MediaType>(1) : null;
        type = null;
        var s = new SipScanner(value);
        s.SkipLws();
        if (!ReadOne(ref s, list, out error)) return false;
        s.SkipLws();
        if (!s.AtEnd)
        {
            error = "unexpected text after the media type";
            return false;
        }
        type = list?[0];
        return true;
    }

    public static bool ReadList(ReadOnlySpan<byte> value, List<MediaType>? sink, out string? error)
    {
        var s = new SipScanner(value);
        s.SkipLws();
        error = null;
        if (s.AtEnd) return true; // An empty Accept is allowed and means nothing is acceptable.
        while (true)
        {
            if (!ReadOne(ref s, sink, out error)) return false;
            s.SkipLws();
            if (s.AtEnd) return true;
            if (!s.TrySeparator((byte)','))
            {
                error = "media types must be separated by commas";
                return false;
            }
        }
    }

    private static bool ReadOne(ref SipScanner s, List<MediaType>? sink, out string? error)
    {
        var type = s.Token();
        if (type.Start.Value == type.End.Value || !s.TrySeparator((byte)'/'))
        {
            error = "malformed media type";
            return false;
        }
        var sub = s.Token();
        if (sub.Start.Value == sub.End.Value)
        {
            error = "media type without a subtype";
            return false;
        }
        var parameters = sink is null ? null : ScratchList<SipParameter>.Rent();
        if (!ParameterSyntax.HeaderParams(ref s, parameters, out error)) return false;
        if (sink is not null)
        {
            var t = s.Source[type];
            var st = s.Source[sub];
            var list = ParameterList.FromScratch(parameters!);
            sink.Add(CharClass.EqualsLower(t, "application"u8) && CharClass.EqualsLower(st, "sdp"u8) && list.Count == 0
                ? MediaType.Sdp
                : new MediaType(Text.Ascii(t), Text.Ascii(st), list));
        }
        return true;
    }
}
