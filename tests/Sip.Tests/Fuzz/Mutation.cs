namespace Cinema.Sip.Tests.Fuzz;

/// <summary>The edits mutation fuzzing applies to a valid message.</summary>
public enum MutationKind
{
    FlipBit,
    SetByte,
    InsertSpecial,
    InsertRandom,
    Delete,
    DuplicateLine,
    DeleteLine,
    SwapLines,
    Truncate,
    RepeatChunk,
    InsertFold,
}

/// <summary>
/// One edit. Positions are taken modulo the current length, so any generated value applies to any message and
/// shrinks towards the start of it.
/// </summary>
public readonly record struct Mutation(MutationKind Kind, int At, int Length, byte Value)
{
    /// <summary>Bytes the grammars give meaning to: line ends, NUL, quotes, brackets and separators.</summary>
    private static readonly byte[] Special = "\r\n\0\"<>;,:= \t\\@%?&/[]()*'"u8.ToArray();

    public byte[] ApplyTo(byte[] input)
    {
        var s = input.AsSpan();
        var at = input.Length == 0 ? 0 : At % (input.Length + 1);
        var len = Math.Min(Length, input.Length - at);
        switch (Kind)
        {
            case MutationKind.FlipBit when input.Length > 0:
            {
                var copy = (byte[])input.Clone();
                copy[At % input.Length] ^= (byte)(1 << (Value & 7));
                return copy;
            }
            case MutationKind.SetByte when input.Length > 0:
            {
                var copy = (byte[])input.Clone();
                copy[At % input.Length] = Value;
                return copy;
            }
            case MutationKind.InsertSpecial:
                return [.. s[..at], Special[Value % Special.Length], .. s[at..]];
            case MutationKind.InsertRandom:
                return [.. s[..at], Value, .. s[at..]];
            case MutationKind.Delete:
                return [.. s[..at], .. s[(at + len)..]];
            case MutationKind.Truncate:
                return s[..at].ToArray();
            case MutationKind.RepeatChunk:
                return [.. s[..(at + len)], .. s.Slice(at, len), .. s[(at + len)..]];
            case MutationKind.InsertFold:
                return [.. s[..at], .. "\r\n "u8, .. s[at..]];
            case MutationKind.DuplicateLine:
            {
                var (start, end) = LineAround(s, at);
                return [.. s[..end], .. s[start..end], .. s[end..]];
            }
            case MutationKind.DeleteLine:
            {
                var (start, end) = LineAround(s, at);
                return [.. s[..start], .. s[end..]];
            }
            case MutationKind.SwapLines:
            {
                var (start, end) = LineAround(s, at);
                if (end >= s.Length) return input;
                var (_, nextEnd) = LineAround(s, end);
                return [.. s[..start], .. s[end..nextEnd], .. s[start..end], .. s[nextEnd..]];
            }
            default:
                return input;
        }
    }

    /// <summary>The line holding <paramref name="at"/>, with its line end.</summary>
    private static (int Start, int End) LineAround(ReadOnlySpan<byte> s, int at)
    {
        at = Math.Min(at, Math.Max(0, s.Length - 1));
        var start = s.IsEmpty ? 0 : s[..at].LastIndexOf((byte)'\n') + 1;
        var lf = s[at..].IndexOf((byte)'\n');
        var end = lf < 0 ? s.Length : at + lf + 1;
        return (start, end);
    }
}
