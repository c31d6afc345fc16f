using System.Text;
using Cinema.Sip.Messages;
using Cinema.Sip.Parsing;
using CsCheck;

namespace Cinema.Sip.Tests.Fuzz;

/// <summary>Random input never makes the parser throw or hang, and the limits bound what it accepts.</summary>
public class ParserFuzzTests
{
    /// <summary>Pieces of SIP text, so that random sequences get past the start line and into the header grammars.</summary>
    private static readonly string[] SipPieces =
    [
        "INVITE ", "REGISTER ", "SIP/2.0", "SIP/2.0 200 OK", " ", "\r\n", "\n", "\r", "\r\n ", "\t", ":", ";", ",", "=", "\"", "\\",
        "<", ">", "@", "?", "&", "%", "%4", "%41", "/", "[", "]", "(", ")", "*", "sip:", "sips:", "tel:", "mailto:",
        "alice", "example.com", "192.0.2.1", "[2001:db8::1]", "2001:db8::1", ":5060", "Via: ", "v: ", "SIP/2.0/UDP ",
        "From: ", "To: ", "f: ", "t: ", "Call-ID: ", "i: ", "CSeq: ", "1 INVITE", "Max-Forwards: ", "70", "4294967296",
        "Contact: ", "m: ", "Route: ", "Record-Route: ", "Path: ", "Content-Length: ", "l: ", "Content-Type: ", "c: ",
        "application/sdp", "Expires: ", "Accept: ", "Require: ", "Supported: ", "Allow: ", "Event: ", "Subscription-State: ",
        "Reason: ", "Retry-After: ", "WWW-Authenticate: ", "Authorization: ", "Authentication-Info: ", "Date: ", "Digest ",
        "realm=", "nonce=", ";tag=", ";branch=z9hG4bK", ";lr", ";received=", ";rport", ";expires=", ";q=", "X-Custom: ",
        "Sat, 13 Nov 2010 23:29:00 GMT", "\0", "\u00e9", "\u00ff",
    ];

    /// <summary>Every header this stack checks, long and compact names, so each grammar gets random values.</summary>
    private static readonly string[] HeaderNamesToTry =
    [
        .. Enum.GetValues<HeaderKind>().Where(k => k != HeaderKind.Unknown).Select(HeaderNames.NameOf),
        "v", "f", "t", "i", "m", "c", "l", "e", "k", "o", "u", "s", "r", "b", "x", "X-Unknown",
    ];

    private static readonly Gen<byte[]> SipIshText =
        Gen.OneOf(SipPieces).Array[0, 120].Select(parts => Encoding.UTF8.GetBytes(string.Concat(parts)));

    [Fact]
    public Task Random_bytes_never_make_the_parser_throw() => Bounded.Run(() =>
        Gen.Byte.Array[0, 1500].Sample(bytes => { MessageInvariants.Check(bytes); }, iter: FuzzBudget.Iterations(5000), print: b => Printable.Of(b)));

    [Fact]
    public Task Random_sip_like_text_never_makes_the_parser_throw() => Bounded.Run(() =>
        SipIshText.Sample(bytes => { MessageInvariants.Check(bytes); }, iter: FuzzBudget.Iterations(8000), print: b => Printable.Of(b)));

    /// <summary>Random SIP-ish text after a valid start line and the mandatory headers reaches every header grammar.</summary>
    [Fact]
    public Task Random_header_values_after_valid_headers_never_make_the_parser_throw() => Bounded.Run(() =>
    {
        var head = SipText.Bytes(SipText.Register);
        var headerEnd = head.AsSpan().IndexOf("Content-Length"u8);
        var name = Gen.Frequency((4, Gen.OneOf(HeaderNamesToTry)), (1, Gen.OneOf(SipPieces).Array[1, 4].Select(string.Concat)));
        Gen.Select(name, Gen.OneOf(SipPieces).Array[0, 30].Select(string.Concat)).Sample((name, value) =>
        {
            var line = Encoding.UTF8.GetBytes(name + ": " + value + "\r\n");
            MessageInvariants.Check([.. head.AsSpan(0, headerEnd), .. line, .. head.AsSpan(headerEnd)]);
        }, iter: FuzzBudget.Iterations(12000), print: t => t.Item1 + ": " + t.Item2);
    });

    /// <summary>
    /// A valid message grown with extra headers is accepted exactly when it is within every limit (RFC 3261 §18.1.1
    /// leaves the bounds to the implementation; these are the ones <see cref="ParserLimits"/> documents).
    /// </summary>
    [Fact]
    public Task A_message_is_accepted_exactly_when_it_is_within_the_limits() => Bounded.Run(() =>
    {
        var gen =
            from seed in Gen.Int[0, FuzzSeeds.Valid.Count - 1]
            from extra in Gen.Int[0, 300].Array[0, 40]
            from maxMessage in Gen.Int[100, 2500]
            from maxHeader in Gen.Int[100, 2000]
            from maxCount in Gen.Int[5, 60]
            from maxLine in Gen.Int[40, 400]
            select (seed, extra, new ParserLimits { MaxMessageBytes = maxMessage, MaxHeaderBytes = maxHeader, MaxHeaderCount = maxCount, MaxLineBytes = maxLine });
        gen.Sample((seed, extra, limits) =>
        {
            var bytes = WithExtraHeaders(FuzzSeeds.Valid[seed], extra);
            var shape = MessageShape.Of(bytes);
            var within = bytes.Length <= limits.MaxMessageBytes && shape.HeaderBytes <= limits.MaxHeaderBytes
                && shape.HeaderCount <= limits.MaxHeaderCount && shape.LongestLine <= limits.MaxLineBytes;
            var result = MessageInvariants.Check(bytes, limits, roundTrip: false);
            Assert.True(within == result.Success, $"within limits: {within}, parsed: {result.Error?.ToString() ?? "ok"} ({shape}, {limits})");
        }, iter: FuzzBudget.Iterations(3000));
    });

    /// <summary>The seed with header lines "X-Pad-i: aaa…" of the given lengths inserted after the start line.</summary>
    private static byte[] WithExtraHeaders(byte[] seed, int[] lengths)
    {
        var firstLine = seed.AsSpan().IndexOf("\r\n"u8) + 2;
        var extra = new StringBuilder();
        for (var i = 0; i < lengths.Length; i++) extra.Append("X-Pad-").Append(i).Append(": ").Append('a', lengths[i] + 1).Append("\r\n");
        return [.. seed.AsSpan(0, firstLine), .. Encoding.ASCII.GetBytes(extra.ToString()), .. seed.AsSpan(firstLine)];
    }
}
