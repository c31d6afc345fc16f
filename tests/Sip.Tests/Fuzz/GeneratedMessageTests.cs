using System.Text;
using Cinema.Sip.Messages;
using Cinema.Sip.Parsing;
using CsCheck;

namespace Cinema.Sip.Tests.Fuzz;

/// <summary>
/// Whole requests assembled from generated grammar pieces (any valid Via, name-addr and URI, long or compact
/// names in any case, folded or not): they parse, and the typed accessors give back the values they were made of.
/// </summary>
public class GeneratedMessageTests
{
    private sealed record Generated(
        string Method, string RequestUri, string[][] Vias, string From, string To, string CallId, uint CSeq,
        int? MaxForwards, string[][] Contacts, string[][] Routes, byte[] Body, string[] Spellings, string Separator, bool Fold)
    {
        public byte[] ToBytes()
        {
            var sb = new StringBuilder();
            sb.Append(Method).Append(' ').Append(RequestUri).Append(" SIP/2.0\r\n");
            var spelling = 0;
            void Header(string longName, string? compact, string value)
            {
                // Long or compact name, in any letter case; SWS around the colon (RFC 3261 §7.3.1).
                var pick = Spellings[spelling++ % Spellings.Length];
                var name = pick switch
                {
                    "compact" when compact is not null => compact,
                    "upper" => longName.ToUpperInvariant(),
                    "lower" => longName.ToLowerInvariant(),
                    _ => longName,
                };
                sb.Append(name).Append(Separator).Append(value).Append("\r\n");
            }
            string Join(string[] values) => string.Join(Fold ? ",\r\n  " : ", ", values);
            foreach (var line in Vias) Header("Via", "v", Join(line));
            Header("From", "f", From);
            Header("To", "t", To);
            Header("Call-ID", "i", CallId);
            Header("CSeq", null, CSeq + " " + Method);
            if (MaxForwards is { } mf) Header("Max-Forwards", null, mf.ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var line in Contacts) Header("Contact", "m", Join(line));
            foreach (var line in Routes) Header("Route", null, Join(line));
            Header("Content-Length", "l", Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
            sb.Append("\r\n");
            return [.. Encoding.UTF8.GetBytes(sb.ToString()), .. Body];
        }
    }

    private static readonly Gen<string> CallId =
        Gen.Select(Gen.String[Gen.Char["abcXYZ0123456789-.!%*_+`'~()<>:\\\"/[]?{}"], 1, 20], Gen.Null(GrammarGen.Token),
            (word, host) => host is null ? word : word + "@" + host);

    private static readonly Gen<Generated> Request =
        from method in Gen.OneOf<string>("INVITE", "REGISTER", "OPTIONS", "BYE", "SUBSCRIBE", "X-EXTENSION")
        from uri in GrammarGen.SipUriText(headers: false)
        from vias in GrammarGen.ViaText.Array[1, 2].Array[1, 3]
        from fromText in GrammarGen.NameAddressText
        from toText in GrammarGen.NameAddressText
        from callId in CallId
        from cseq in Gen.UInt
        from maxForwards in Gen.Nullable(Gen.Int[0, 255])
        from contacts in GrammarGen.NameAddressText.Array[1, 2].Array[0, 2]
        from routes in GrammarGen.NameAddressText.Array[1, 3].Array[0, 2]
        from body in Gen.Byte.Array[0, 40]
        from spellings in Gen.OneOf<string>("long", "compact", "upper", "lower").Array[1, 4]
        from separator in Gen.OneOf<string>(": ", ":", " : ", ":\t", ":\r\n ")
        from fold in Gen.Bool
        select new Generated(method, uri, vias, fromText, toText, callId, cseq, maxForwards, contacts, routes, body, spellings, separator, fold);

    [Fact]
    public Task Generated_requests_parse_to_the_values_they_were_made_of() => Bounded.Run(() =>
        Request.Sample(g =>
        {
            var bytes = g.ToBytes();
            var result = SipParser.Parse(bytes);
            Assert.True(result.Success, result.Error?.ToString());
            var m = result.Request!;
            Assert.Equal(bytes.Length, result.Length);
            Assert.Equal(g.Method, m.Method);
            Assert.Equal(SipUri.Parse(g.RequestUri), m.RequestUri);
            Assert.Equal(g.Vias.SelectMany(v => v).Select(ViaText), m.Vias.Select(v => v.ToString()));
            Assert.Equal(NameAddress.Parse(g.From), m.From);
            Assert.Equal(NameAddress.Parse(g.To), m.To);
            Assert.Equal(g.CallId, m.CallId);
            Assert.Equal(new CSeq(g.CSeq, g.Method), m.CSeq);
            Assert.Equal(g.MaxForwards, m.MaxForwards);
            Assert.Equal(g.Contacts.SelectMany(c => c).Select(NameAddress.Parse), m.Contacts);
            Assert.Equal(g.Routes.SelectMany(r => r).Select(NameAddress.Parse), m.Routes);
            Assert.Equal(g.Body, m.Body.ToArray());
            MessageInvariants.Check(bytes);
        }, iter: FuzzBudget.Iterations(1500), print: g => Printable.Of(g.ToBytes())));

    private static string ViaText(string text)
    {
        Assert.True(Via.TryParse(text, out var via, out var error), text + ": " + error);
        return via.ToString();
    }
}
