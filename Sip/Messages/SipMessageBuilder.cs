using System.Globalization;
using System.Text;
using Cinema.Sip.Parsing;

namespace Cinema.Sip.Messages;

/// <summary>
/// Assembles a message to send: header lines in order, a body, and a Content-Length computed on write. Headers
/// copied from a received message keep their bytes, so a proxy forwards what it did not change verbatim. A
/// builder is for one thread; the message it builds is immutable.
/// </summary>
public abstract class SipMessageBuilder<TSelf>
    where TSelf : SipMessageBuilder<TSelf>
{
    private readonly List<Entry> _headers = [];

    private protected SipMessageBuilder()
    {
    }

    private protected readonly record struct Entry(HeaderKind Kind, ReadOnlyMemory<byte> Name, ReadOnlyMemory<byte> Value);

    public ReadOnlyMemory<byte> Body { get; private set; }

    private TSelf Self => (TSelf)this;

    /// <summary>Copies every header of <paramref name="message"/> except Content-Length, and its body.</summary>
    private protected void CopyFrom(SipMessage message)
    {
        // Room for what a proxy adds (Via, Record-Route) without growing the list twice.
        _headers.EnsureCapacity(message.Headers.Count + 4);
        foreach (var h in message.Headers)
        {
            if (h.Kind != HeaderKind.ContentLength) _headers.Add(new Entry(h.Kind, h.RawName, h.RawValue));
        }
        Body = message.Body;
    }

    private protected void EnsureHeaderCapacity(int capacity) => _headers.EnsureCapacity(capacity);

    private protected void CopyHeaders(SipMessage message, HeaderKind kind)
    {
        foreach (var h in message.Headers)
        {
            if (h.Kind == kind) _headers.Add(new Entry(h.Kind, h.RawName, h.RawValue));
        }
    }

    public TSelf AddHeader(string name, string value) => Insert(_headers.Count, Make(name, value));

    public TSelf AddHeader(HeaderKind kind, string value) => AddHeader(HeaderNames.NameOf(kind), value);

    /// <summary>Inserts before the first header of the same name, or at the top (Via, Record-Route, Route go on top).</summary>
    public TSelf PrependHeader(HeaderKind kind, string value)
    {
        var entry = Make(HeaderNames.NameOf(kind), value);
        var at = IndexOf(kind);
        return Insert(at < 0 ? 0 : at, entry);
    }

    /// <summary>Replaces every header of this kind with one value, at the position of the first (or at the end).</summary>
    public TSelf SetHeader(HeaderKind kind, string value)
    {
        var entry = Make(HeaderNames.NameOf(kind), value);
        var at = IndexOf(kind);
        if (at < 0) return Insert(_headers.Count, entry);
        // Replace the first in place and drop the rest, without a predicate delegate.
        _headers[at] = entry;
        for (var i = _headers.Count - 1; i > at; i--)
        {
            if (_headers[i].Kind == kind) _headers.RemoveAt(i);
        }
        return Self;
    }

    public TSelf SetHeader(string name, string value)
    {
        var kind = HeaderNames.KindOf(name);
        if (kind != HeaderKind.Unknown) return SetHeader(kind, value);
        var at = _headers.FindIndex(e => Matches(e, name));
        _headers.RemoveAll(e => Matches(e, name));
        return Insert(at < 0 ? _headers.Count : at, Make(name, value));
    }

    public TSelf RemoveHeaders(HeaderKind kind)
    {
        for (var i = _headers.Count - 1; i >= 0; i--)
        {
            if (_headers[i].Kind == kind) _headers.RemoveAt(i);
        }
        return Self;
    }

    public TSelf RemoveHeaders(string name)
    {
        _headers.RemoveAll(e => Matches(e, name));
        return Self;
    }

    /// <summary>Removes the first value of a multi-value header (the topmost Via or Route), keeping the rest.</summary>
    public TSelf RemoveFirstValue(HeaderKind kind)
    {
        var at = IndexOf(kind);
        if (at < 0) return Self;
        var rest = SplitFirstValue(_headers[at].Value);
        if (rest.IsEmpty) _headers.RemoveAt(at);
        else _headers[at] = _headers[at] with { Value = rest };
        return Self;
    }

    public bool HasHeader(HeaderKind kind) => IndexOf(kind) >= 0;

    private int IndexOf(HeaderKind kind)
    {
        for (var i = 0; i < _headers.Count; i++)
        {
            if (_headers[i].Kind == kind) return i;
        }
        return -1;
    }

    /// <summary>The values of the header lines of this kind, unfolded.</summary>
    public IEnumerable<string> GetHeaders(HeaderKind kind) =>
        _headers.Where(e => e.Kind == kind).Select(e => Messages.Syntax.Text.Unfold(e.Value.Span)).ToList();

    public TSelf WithBody(ReadOnlyMemory<byte> body, string? contentType)
    {
        Body = body;
        if (contentType is not null) SetHeader(HeaderKind.ContentType, contentType);
        else if (body.IsEmpty) RemoveHeaders(HeaderKind.ContentType);
        return Self;
    }

    public TSelf WithBody(string body, string contentType) => WithBody(Encoding.UTF8.GetBytes(body), contentType);

    public TSelf Via(Via via) => PrependHeader(HeaderKind.Via, via.ToString());

    public TSelf From(NameAddress from) => SetHeader(HeaderKind.From, from.ToString());

    public TSelf To(NameAddress to) => SetHeader(HeaderKind.To, to.ToString());

    public TSelf CallId(string callId) => SetHeader(HeaderKind.CallId, callId);

    public TSelf CSeq(uint number, string method) => SetHeader(HeaderKind.CSeq, new CSeq(number, method).ToString());

    public TSelf MaxForwards(int value) => SetHeader(HeaderKind.MaxForwards, value.ToString(CultureInfo.InvariantCulture));

    public TSelf Contact(NameAddress contact) => AddHeader(HeaderKind.Contact, contact.ToString());

    private protected abstract int StartLineLength();

    private protected abstract void WriteStartLine(Span<byte> destination);

    /// <summary>Serializes the message: start line, headers, Content-Length, empty line, body.</summary>
    public byte[] ToArray()
    {
        Span<byte> digits = stackalloc byte[11];
        Body.Length.TryFormat(digits, out var digitCount, default, CultureInfo.InvariantCulture);
        var length = StartLineLength() + 2;
        foreach (var h in _headers) length += h.Name.Length + 2 + h.Value.Length + 2;
        length += "Content-Length: ".Length + digitCount + 2 + 2 + Body.Length;

        var buffer = new byte[length];
        var span = buffer.AsSpan();
        WriteStartLine(span);
        var pos = StartLineLength();
        pos += Put(span[pos..], "\r\n"u8);
        foreach (var h in _headers)
        {
            pos += Put(span[pos..], h.Name.Span);
            pos += Put(span[pos..], ": "u8);
            pos += Put(span[pos..], h.Value.Span);
            pos += Put(span[pos..], "\r\n"u8);
        }
        pos += Put(span[pos..], "Content-Length: "u8);
        pos += Put(span[pos..], digits[..digitCount]);
        pos += Put(span[pos..], "\r\n\r\n"u8);
        Body.Span.CopyTo(span[pos..]);
        return buffer;
    }

    private protected SipMessage BuildMessage()
    {
        var result = SipParser.Parse(ToArray());
        return result.Message ?? throw new InvalidOperationException("The builder produced an invalid message: " + result.Error);
    }

    private static int Put(Span<byte> to, ReadOnlySpan<byte> what)
    {
        what.CopyTo(to);
        return what.Length;
    }

    private TSelf Insert(int at, Entry entry)
    {
        _headers.Insert(at, entry);
        return Self;
    }

    private static Entry Make(string name, string value)
    {
        if (name.AsSpan().IndexOfAny("\r\n:") >= 0 || value.AsSpan().IndexOfAny('\r', '\n') >= 0)
            throw new ArgumentException($"Header {name} contains a line break or colon.", nameof(value));
        var kind = HeaderNames.KindOf(name);
        // A known header written under its canonical name shares that name's bytes.
        var nameBytes = kind != HeaderKind.Unknown && string.Equals(name, HeaderNames.NameOf(kind), StringComparison.Ordinal)
            ? HeaderNames.NameBytes(kind)
            : Encoding.UTF8.GetBytes(name);
        return new Entry(kind, nameBytes, Encoding.UTF8.GetBytes(value));
    }

    private static bool Matches(Entry e, string name) => System.Text.Ascii.EqualsIgnoreCase(e.Name.Span, name) ||
        (e.Kind != HeaderKind.Unknown && e.Kind == HeaderNames.KindOf(name));

    /// <summary>What remains of a comma-separated value after its first element (commas in quotes and &lt;&gt; do not count).</summary>
    private static ReadOnlyMemory<byte> SplitFirstValue(ReadOnlyMemory<byte> value)
    {
        var s = value.Span;
        var inQuotes = false;
        var inAngle = false;
        for (var i = 0; i < s.Length; i++)
        {
            var b = s[i];
            if (inQuotes)
            {
                if (b == '\\') i++;
                else if (b == '"') inQuotes = false;
            }
            else if (b == '"') inQuotes = true;
            else if (b == '<') inAngle = true;
            else if (b == '>') inAngle = false;
            else if (b == ',' && !inAngle)
            {
                var rest = i + 1;
                while (rest < s.Length && s[rest] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') rest++;
                return value[rest..];
            }
        }
        return ReadOnlyMemory<byte>.Empty;
    }
}
