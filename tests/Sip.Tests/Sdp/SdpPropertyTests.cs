using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Cinema.Sip.Sdp;
using CsCheck;

namespace Cinema.Sip.Tests.Sdp;

public class SdpPropertyTests
{
    private const string Alphabet = "vosiuepcbtrzkamxyA1=:/ .-*0123456789INP46\r\n\t\0";

    private static readonly Gen<string> Word =
        Gen.OneOf(
            Gen.OneOf(Gen.Const("IN"), Gen.Const("IP4"), Gen.Const("IP6"), Gen.Const("-"), Gen.Const("0"), Gen.Const("RTP/AVP")),
            Gen.Int[0, 70000].Select(i => i.ToString(CultureInfo.InvariantCulture)),
            Gen.Char["abcxyz0189:/.-*"].Array[1, 8].Select(chars => new string(chars)));

    private static readonly Gen<string> Value = Word.Array[0, 6].Select(words => string.Join(' ', words));

    private static readonly Gen<string> Attribute =
        Gen.Select(
            Gen.OneOf(
                Gen.Const("rtpmap"), Gen.Const("fmtp"), Gen.Const("ptime"), Gen.Const("maxptime"), Gen.Const("sendonly"),
                Gen.Const("recvonly"), Gen.Const("inactive"), Gen.Const("sendrecv"), Gen.Const("rtcp"), Gen.Const("rtcp-mux"), Gen.Const("x-y")),
            Gen.Bool,
            Value,
            (name, hasValue, value) => "a=" + name + (hasValue ? ":" + value : ""));

    private static readonly Gen<string> RtpMap =
        Gen.Select(
            Gen.Int[0, 130],
            Gen.OneOf(
                Gen.Const("PCMU/8000"), Gen.Const("PCMA/8000"), Gen.Const("opus/48000/2"), Gen.Const("G722/8000"),
                Gen.Const("telephone-event/8000"), Gen.Const("G729/8000"), Gen.Const("bad")),
            (payloadType, codec) => "a=rtpmap:" + payloadType.ToString(CultureInfo.InvariantCulture) + " " + codec);

    private static readonly Gen<string> MediaLine =
        Gen.Select(
            Gen.Frequency((6, Gen.Const("audio")), (2, Gen.Const("video")), (1, Gen.Const("x"))),
            Gen.Frequency((8, Gen.Int[1, 65535]), (1, Gen.Const(0)), (1, Gen.Int[65536, 99999])),
            Gen.Frequency((8, Gen.Const("")), (1, Gen.Const("/2")), (1, Gen.Const("/0"))),
            Gen.Frequency((6, Gen.Const("RTP/AVP")), (1, Gen.Const("RTP/SAVP"))),
            Gen.OneOf(Gen.Int[0, 18], Gen.Int[96, 130]).Array[0, 5],
            (media, port, count, protocol, formats) =>
                $"m={media} {port.ToString(CultureInfo.InvariantCulture)}{count} {protocol} {string.Join(' ', formats.Select(f => f.ToString(CultureInfo.InvariantCulture)))}");

    private static readonly Gen<string> ConnectionLine =
        Gen.Select(
            Gen.Frequency((4, Gen.Const("IP4")), (2, Gen.Const("IP6")), (1, Gen.Const("X"))),
            Gen.Frequency(
                (6, Gen.Const("192.0.2.1")), (1, Gen.Const("0.0.0.0")), (3, Gen.Const("2001:db8::1")), (1, Gen.Const("233.252.0.1/127")),
                (1, Gen.Const("233.252.0.1/127/3")), (1, Gen.Const("ff15::1/3")), (1, Gen.Const("a/b/c")), (1, Gen.Const("/1")),
                (1, Gen.Const("host.example"))),
            (type, address) => $"c=IN {type} {address}");

    private static readonly Gen<string> OtherLine =
        Gen.Select(Gen.Char["vosiuepcbtrzkmxA1 "], Gen.OneOf(Gen.Const("="), Gen.Const(""), Gen.Const("= ")), Value, (type, equals, value) => type + equals + value);

    private static readonly Gen<string> BadLine = Gen.OneOf(
        OtherLine, Gen.Const("t=0 0"), Gen.Const("r=1 2 3"), Gen.Const(""), Gen.Const("b=AS"), Gen.Const("c=IN IP4"), MediaLine);

    private static readonly Gen<string> SessionLine = Gen.Frequency(
        (4, Attribute), (1, Gen.Const("b=AS:64")), (1, Gen.Const("i=info")), (1, Gen.Const("e=a@example.com")), (1, BadLine));

    private static readonly Gen<string> MediaAttributeLine = Gen.Frequency(
        (4, Attribute), (8, RtpMap), (1, ConnectionLine), (1, Gen.Const("b=AS:64")), (1, Gen.Const("a=fmtp:101 0-16")), (1, BadLine));

    private static readonly Gen<string> Header = Gen.Frequency(
        (6, Gen.Const("v=0\r\no=- 1 2 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n")),
        (2, Gen.Const("v=0\no=- 1 2 IN IP6 2001:db8::1\ns= \nt=0 0\na=sendonly\n")),
        (1, Gen.Select(Gen.OneOf(SessionLine, BadLine).Array[0, 3], lines => string.Join("\r\n", lines) + "\r\n")));

    private static readonly Gen<string> LineEnd = Gen.Frequency((40, Gen.Const("\r\n")), (10, Gen.Const("\n")), (1, Gen.Const("\r")), (1, Gen.Const("")));

    // An audio section that negotiation can accept, so that the answer path is exercised too.
    private static readonly Gen<string> UsableAudioLine =
        Gen.Select(
            Gen.Int[1, 65535],
            Gen.Shuffle(new[] { "0", "8", "18", "96", "101", "102" }, 1, 6),
            (port, formats) => $"m=audio {port.ToString(CultureInfo.InvariantCulture)} RTP/AVP {string.Join(' ', formats)}\r\n"
                + "a=rtpmap:96 opus/48000/2\r\na=rtpmap:101 telephone-event/8000\r\na=rtpmap:102 telephone-event/48000");

    private static readonly Gen<string> MediaBlock =
        Gen.Select(
            Gen.Frequency((1, MediaLine), (1, UsableAudioLine)),
            LineEnd,
            Gen.Select(MediaAttributeLine, LineEnd, (line, end) => line + end).Array[0, 6],
            (media, end, lines) => media + end + string.Concat(lines));

    private static readonly Gen<string> StructuredBody =
        Gen.Select(
            Header,
            Gen.Select(SessionLine, LineEnd, (line, end) => line + end).Array[0, 3],
            MediaBlock.Array[0, 3],
            (header, session, media) => header + string.Concat(session) + string.Concat(media));

    // Small edits (insert, delete, replace a character) applied to an otherwise plausible body.
    private static readonly Gen<string> MutatedBody =
        Gen.Select(
            Gen.OneOf(StructuredBody, Gen.OneOf(SdpSamples.All.Select(Gen.Const).ToArray())),
            Gen.Select(Gen.Int[0, 2], Gen.Int[0, 10_000], Gen.Char[Alphabet]).Array[0, 6],
            Mutate);

    private static readonly Gen<string> RandomText = Gen.Char[Alphabet].Array[0, 300].Select(chars => new string(chars));

    [Fact]
    public void Random_text_never_throws_and_accepted_text_round_trips()
        => RandomText.Sample(text => { AssertStable(text); }, iter: 20_000);

    [Fact]
    public void Structured_bodies_never_throw_and_accepted_ones_round_trip()
        => AssertStableAndOftenAccepted(StructuredBody);

    [Fact]
    public void Mutated_bodies_never_throw_and_accepted_ones_round_trip()
        => AssertStableAndOftenAccepted(MutatedBody);

    [Fact]
    public void Random_bytes_never_throw()
        => Gen.Byte.Array[0, 400].Sample(bytes =>
        {
            if (SdpParser.TryParse(bytes, out var description, out var error))
            {
                AssertStable(SdpWriter.Write(description));
            }
            else
            {
                Assert.False(string.IsNullOrWhiteSpace(error));
            }
        }, iter: 10_000);

    [Fact]
    public void Negotiation_never_throws_on_any_parsed_description_and_answers_round_trip()
        => Gen.OneOf(StructuredBody, MutatedBody).Sample(text =>
        {
            if (!SdpParser.TryParse(text, out var remote, out _))
            {
                return;
            }

            var local = new IPEndPoint(IPAddress.Parse("192.0.2.10"), 40000);
            var answerer = new AudioNegotiator(new AudioNegotiatorOptions { Codecs = [AudioCodec.Opus, AudioCodec.Pcmu, AudioCodec.TelephoneEvent], RtcpMux = true });
            var answered = answerer.CreateAnswer(remote, local);
            if (answered.Succeeded)
            {
                Assert.Equal(remote.Media.Length, answered.Answer!.Media.Length);
                Assert.Equal(answered.Answer, SdpParserTests.Parse(SdpWriter.Write(answered.Answer)));
            }
            else
            {
                Assert.False(string.IsNullOrWhiteSpace(answered.FailureReason));
            }

            var offerer = new AudioNegotiator(new AudioNegotiatorOptions());
            offerer.CreateOffer(local);
            var applied = offerer.ApplyAnswer(remote);
            Assert.True(applied.Succeeded || !string.IsNullOrWhiteSpace(applied.FailureReason));
        }, iter: 10_000);

    [Fact]
    public void Largest_allowed_bodies_are_handled_quickly()
    {
        var manyLines = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\n" + string.Concat(Enumerable.Repeat("a=" + new string('x', 55) + "\r\n", 990));
        var oneLongLine = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\na=x" + new string(':', 4090) + "\r\n";
        var noNewlines = new string('a', 64 * 1024);
        var stopwatch = Stopwatch.StartNew();

        for (var i = 0; i < 20; i++)
        {
            Assert.True(SdpParser.TryParse(manyLines, out _, out var error), error);
            Assert.True(SdpParser.TryParse(oneLongLine, out _, out error), error);
            Assert.False(SdpParser.TryParse(noNewlines, out _, out _));
            Assert.False(SdpParser.TryParse(Encoding.UTF8.GetBytes(manyLines + manyLines), out _, out _));
        }

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
    }

    // A generator that hardly ever yields valid SDP would make the round-trip half of the property vacuous.
    private static void AssertStableAndOftenAccepted(Gen<string> bodies)
    {
        const int Iterations = 20_000;
        var accepted = 0;
        bodies.Sample(text =>
        {
            if (AssertStable(text))
            {
                Interlocked.Increment(ref accepted);
            }
        }, iter: Iterations);

        Assert.True(accepted > Iterations / 20, $"only {accepted} of {Iterations} bodies parsed");
    }

    private static bool AssertStable(string text)
    {
        if (!SdpParser.TryParse(text, out var description, out var error))
        {
            Assert.False(string.IsNullOrWhiteSpace(error));
            return false;
        }

        var written = SdpWriter.Write(description);
        Assert.True(SdpParser.TryParse(written, out var again, out error), $"{error}\n{written}");
        Assert.Equal(description, again);
        Assert.Equal(written, SdpWriter.Write(again));
        Assert.EndsWith("\r\n", written, StringComparison.Ordinal);
        return true;
    }

    private static string Mutate(string text, (int Kind, int Position, char Character)[] edits)
    {
        var builder = new StringBuilder(text);
        foreach (var (kind, position, character) in edits)
        {
            var at = builder.Length == 0 ? 0 : position % builder.Length;
            switch (kind)
            {
                case 0:
                    builder.Insert(at, character);
                    break;
                case 1 when builder.Length > 0:
                    builder.Remove(at, 1);
                    break;
                case 2 when builder.Length > 0:
                    builder[at] = character;
                    break;
            }
        }

        return builder.ToString();
    }
}
