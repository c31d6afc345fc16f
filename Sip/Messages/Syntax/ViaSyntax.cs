namespace Cinema.Sip.Messages.Syntax;

/// <summary>Via = 1#( sent-protocol LWS sent-by *( SEMI via-params ) ) (RFC 3261 §25.1).</summary>
internal static class ViaSyntax
{
    public static bool ReadList(ReadOnlySpan<byte> value, List<Via>? sink, out string? error)
    {
        var s = new SipScanner(value);
        s.SkipLws();
        while (true)
        {
            if (!ReadOne(ref s, sink, out error)) return false;
            s.SkipLws();
            if (s.AtEnd) return true;
            if (!s.TrySeparator((byte)','))
            {
                error = "unexpected character in Via";
                return false;
            }
        }
    }

    private static bool ReadOne(ref SipScanner s, List<Via>? sink, out string? error)
    {
        var name = s.Token();
        if (!s.TrySeparator((byte)'/'))
        {
            error = "Via without a protocol name";
            return false;
        }
        var version = s.Token();
        if (!s.TrySeparator((byte)'/'))
        {
            error = "Via without a protocol version";
            return false;
        }
        var transport = s.Token();
        if (name.Start.Value == name.End.Value || version.Start.Value == version.End.Value || transport.Start.Value == transport.End.Value)
        {
            error = "malformed Via sent-protocol";
            return false;
        }
        if (!s.SkipLws())
        {
            error = "Via without white space before sent-by";
            return false;
        }
        var src = s.Source;
        var pos = s.Pos;
        var hostStart = pos;
        if (!HostSyntax.Read(src, ref pos, out error))
        {
            error = "Via sent-by: " + error;
            return false;
        }
        var hostEnd = pos;
        s.Pos = pos;
        int? port = null;
        if (s.TrySeparator((byte)':'))
        {
            var d = s.Digits();
            var digits = src[d];
            if (digits.IsEmpty || digits.Length > 5 || ScalarSyntax.ParseInt(digits) > 65535)
            {
                error = "invalid port in Via";
                return false;
            }
            port = (int)ScalarSyntax.ParseInt(digits);
        }
        var parameters = sink is null ? null : ScratchList<SipParameter>.Rent();
        if (!ParameterSyntax.HeaderParams(ref s, parameters, out error))
        {
            error = "Via: " + error;
            return false;
        }
        if (sink is not null)
        {
            var protocol = CharClass.EqualsLower(src[name], "sip"u8) && src[version].SequenceEqual("2.0"u8)
                ? SipVersion.Sip20
                : Text.Ascii(src[name]).ToUpperInvariant() + "/" + Text.Ascii(src[version]);
            sink.Add(new Via(Transports.Intern(src[transport]), Text.Ascii(src[hostStart..hostEnd]), port,
                ParameterList.FromScratch(parameters!), protocol));
        }
        return true;
    }
}
