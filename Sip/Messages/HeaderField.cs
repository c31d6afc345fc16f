using Cinema.Sip.Messages.Syntax;

namespace Cinema.Sip.Messages;

/// <summary>
/// One header line of a message, as received. The value is the text after the colon with surrounding white
/// space removed; it may hold several comma-separated values and line folds.
/// </summary>
public readonly struct HeaderField
{
    private readonly ReadOnlyMemory<byte> _source;
    private readonly HeaderSlot _slot;

    internal HeaderField(ReadOnlyMemory<byte> source, HeaderSlot slot)
    {
        _source = source;
        _slot = slot;
    }

    public HeaderKind Kind => _slot.Kind;

    /// <summary>The canonical name for known headers (even when sent in compact form), otherwise the name as received.</summary>
    public string Name => _slot.Kind == HeaderKind.Unknown ? Text.Ascii(RawName.Span) : HeaderNames.NameOf(_slot.Kind);

    /// <summary>The value with line folds replaced by a single space (RFC 3261 §7.3.1).</summary>
    public string Value => Text.Unfold(RawValue.Span);

    public ReadOnlyMemory<byte> RawName => _source.Slice(_slot.NameStart, _slot.NameLength);

    public ReadOnlyMemory<byte> RawValue => _source.Slice(_slot.ValueStart, _slot.ValueLength);

    public bool Is(string name) =>
        _slot.Kind != HeaderKind.Unknown
            ? _slot.Kind == HeaderNames.KindOf(name)
            : System.Text.Ascii.EqualsIgnoreCase(RawName.Span, name);

    public override string ToString() => Name + ": " + Value;
}

/// <summary>
/// Where one header line sits in the message buffer. Every parsed message keeps one per header line, so it is
/// packed into 16 bytes: the kind shares an int with the name length, which the parser keeps under 16 MB.
/// </summary>
internal readonly struct HeaderSlot
{
    public const int MaxNameLength = 0xFF_FFFF;

    private readonly int _kindAndNameLength;

    public HeaderSlot(HeaderKind kind, int nameStart, int nameLength, int valueStart, int valueLength)
    {
        _kindAndNameLength = (byte)kind | (nameLength << 8);
        NameStart = nameStart;
        ValueStart = valueStart;
        ValueLength = valueLength;
    }

    public HeaderKind Kind => (HeaderKind)(byte)_kindAndNameLength;

    public int NameStart { get; }

    public int NameLength => _kindAndNameLength >>> 8;

    public int ValueStart { get; }

    public int ValueLength { get; }
}
