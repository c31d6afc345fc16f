using Cinema.Sip.Parsing;
using CsCheck;

namespace Cinema.Sip.Tests.Fuzz;

/// <summary>The stream framer cuts the same frames however the bytes arrive, and never holds more than the limits.</summary>
public class StreamFramerFuzzTests
{
    private static readonly ParserLimits SmallLimits = new() { MaxHeaderBytes = 700, MaxMessageBytes = 1200 };

    /// <summary>Seeds, keep-alives between them, as one TCP stream.</summary>
    private static readonly byte[][] StreamParts =
    [
        FuzzSeeds.Valid[0], "\r\n\r\n"u8.ToArray(), FuzzSeeds.Valid[1], FuzzSeeds.Valid[2], "\r\n"u8.ToArray(),
        FuzzSeeds.Valid[3], FuzzSeeds.Valid[4], FuzzSeeds.Valid[5], FuzzSeeds.Valid[6],
    ];

    private static readonly byte[] Stream = [.. StreamParts.SelectMany(p => p)];

    [Fact]
    public void A_stream_split_at_any_point_gives_the_same_frames()
    {
        var expected = Frames([Stream], ParserLimits.Default);
        Assert.Equal(StreamParts.Select(p => p.Length > 4 ? "M" + p.Length : p.Length == 4 ? "ping" : "pong"), expected.Select(Label));
        for (var split = 0; split <= Stream.Length; split++)
        {
            var frames = Frames([Stream[..split], Stream[split..]], ParserLimits.Default);
            Assert.True(expected.SequenceEqual(frames, FrameComparer.Instance), $"split at {split}");
        }
        // And one byte at a time: every point at once.
        Assert.True(expected.SequenceEqual(Frames(Chunk(Stream, [1]), ParserLimits.Default), FrameComparer.Instance));
    }

    [Fact]
    public Task A_stream_in_random_chunks_gives_the_same_frames() => Bounded.Run(() =>
    {
        var expected = Frames([Stream], ParserLimits.Default);
        Gen.Int[1, 300].Array[1, 60].Sample(sizes =>
        {
            var frames = Frames(Chunk(Stream, sizes), ParserLimits.Default);
            Assert.True(expected.SequenceEqual(frames, FrameComparer.Instance));
            foreach (var (kind, frame) in frames)
            {
                if (kind == FrameKind.Message) Assert.True(SipParser.Parse(frame!).Success);
            }
        }, iter: FuzzBudget.Iterations(1000));
    });

    [Fact]
    public Task Random_streams_never_throw_or_buffer_past_the_limits() => Bounded.Run(() =>
        Gen.Select(Gen.Byte.Array[0, 3000], Gen.Int[1, 512].Array[1, 20]).Sample((bytes, sizes) => { Frames(Chunk(bytes, sizes), SmallLimits); }, iter: FuzzBudget.Iterations(3000)));

    [Fact]
    public Task Mutated_streams_never_throw_or_buffer_past_the_limits() => Bounded.Run(() =>
    {
        var mutation = Gen.Select(Gen.Enum<MutationKind>(), Gen.Int[0, 8192], Gen.Int[1, 40], Gen.Byte,
            (kind, at, length, value) => new Mutation(kind, at, length, value));
        Gen.Select(mutation.Array[1, 8], Gen.Int[1, 700].Array[1, 20]).Sample((mutations, sizes) =>
        {
            var bytes = Stream;
            foreach (var m in mutations) bytes = m.ApplyTo(bytes);
            foreach (var (kind, frame) in Frames(Chunk(bytes, sizes), SmallLimits))
            {
                if (kind == FrameKind.Message) MessageInvariants.Check(frame!);
            }
        }, iter: FuzzBudget.Iterations(3000));
    });

    /// <summary>
    /// The framer and the parser draw the limits at the same place: with the header limit within a few bytes of a
    /// message's header size, the framer cuts the message exactly when the parser accepts it.
    /// </summary>
    [Fact]
    public Task The_framer_accepts_exactly_the_messages_the_parser_accepts_at_the_header_limit() => Bounded.Run(() =>
        Gen.Select(Gen.Int[0, FuzzSeeds.Valid.Count - 1], Gen.Int[-3, 3], Gen.Int[1, 8]).Sample((seed, delta, chunk) =>
        {
            var message = FuzzSeeds.Valid[seed];
            var limits = new ParserLimits { MaxHeaderBytes = MessageShape.Of(message).HeaderBytes + delta };
            var parsed = SipParser.Parse(message, limits).Success;
            var frames = Frames(Chunk(message, [chunk]), limits);
            Assert.Equal(parsed, frames is [(FrameKind.Message, _)]);
        }, iter: FuzzBudget.Iterations(500)));

    /// <summary>
    /// On a stream, the framer cuts exactly the message the parser accepts (edited messages that still parse and
    /// carry the Content-Length a stream needs, RFC 3261 §18.3).
    /// </summary>
    [Fact]
    public Task The_framer_cuts_every_message_the_parser_accepts() => Bounded.Run(() =>
    {
        var mutation = Gen.Select(Gen.Enum<MutationKind>(), Gen.Int[0, 4096], Gen.Int[1, 40], Gen.Byte,
            (kind, at, length, value) => new Mutation(kind, at, length, value));
        Gen.Select(Gen.Int[0, FuzzSeeds.Valid.Count - 1], mutation.Array[1, 3]).Sample((seed, mutations) =>
        {
            var bytes = FuzzSeeds.Valid[seed];
            foreach (var m in mutations) bytes = m.ApplyTo(bytes);
            var parsed = SipParser.Parse(bytes);
            // Leading CRLFs are keep-alives on a stream (RFC 5626 §4.4.1), not part of a message.
            if (!parsed.Success || !parsed.Message!.Has(Cinema.Sip.Messages.HeaderKind.ContentLength) || bytes[0] is (byte)'\r' or (byte)'\n') return;
            var frames = Frames([bytes], ParserLimits.Default);
            Assert.Equal(FrameKind.Message, frames[0].Kind);
            Assert.Equal(parsed.Length, frames[0].Frame!.Length);
        }, iter: FuzzBudget.Iterations(5000), print: t =>
        {
            var bytes = FuzzSeeds.Valid[t.Item1];
            foreach (var m in t.Item2) bytes = m.ApplyTo(bytes);
            var framer = new SipStreamFramer();
            framer.Append(bytes);
            return framer.TryRead(out _, out var error) + " " + error + ": " + Printable.Of(bytes);
        });
    });

    /// <summary>
    /// Feeds the chunks as a connection would (append, then read until more is needed) and checks the framer's
    /// bounds after every read. Stops at a framing error, as the connection would be closed.
    /// </summary>
    private static List<(FrameKind Kind, byte[]? Frame)> Frames(IEnumerable<byte[]> chunks, ParserLimits limits)
    {
        var framer = new SipStreamFramer(limits);
        var frames = new List<(FrameKind, byte[]?)>();
        foreach (var chunk in chunks)
        {
            framer.Append(chunk);
            while (true)
            {
                var kind = framer.TryRead(out var frame, out var error);
                if (kind == FrameKind.NeedMore)
                {
                    // RFC 3261 §18.3 framing needs at most one message's bytes held back (and the empty line
                    // that ends the headers may start at the header limit).
                    Assert.InRange(framer.Buffered, 0, Math.Max(limits.MaxHeaderBytes + 1, limits.MaxMessageBytes));
                    break;
                }
                if (kind == FrameKind.Error)
                {
                    Assert.False(string.IsNullOrEmpty(error));
                    frames.Add((kind, null));
                    return frames;
                }
                if (kind == FrameKind.Message) Assert.InRange(frame!.Length, 1, limits.MaxMessageBytes);
                frames.Add((kind, frame));
            }
        }
        return frames;
    }

    private static IEnumerable<byte[]> Chunk(byte[] bytes, int[] sizes)
    {
        var pos = 0;
        for (var i = 0; pos < bytes.Length; i++)
        {
            var n = Math.Min(sizes[i % sizes.Length], bytes.Length - pos);
            yield return bytes[pos..(pos + n)];
            pos += n;
        }
    }

    private static string Label((FrameKind Kind, byte[]? Frame) f) => f.Kind switch
    {
        FrameKind.Message => "M" + f.Frame!.Length,
        FrameKind.Ping => "ping",
        FrameKind.Pong => "pong",
        _ => f.Kind.ToString(),
    };

    private sealed class FrameComparer : IEqualityComparer<(FrameKind Kind, byte[]? Frame)>
    {
        public static readonly FrameComparer Instance = new();

        public bool Equals((FrameKind Kind, byte[]? Frame) x, (FrameKind Kind, byte[]? Frame) y) =>
            x.Kind == y.Kind && (x.Frame ?? []).AsSpan().SequenceEqual(y.Frame ?? []);

        public int GetHashCode((FrameKind Kind, byte[]? Frame) obj) => (int)obj.Kind;
    }
}
