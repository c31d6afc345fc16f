using System.Buffers;
using Cinema.Sip.Messages.Syntax;

namespace Cinema.Sip.Messages;

/// <summary>
/// A parsed SIP message. Immutable and safe to share between threads: it keeps the received bytes and an index
/// of its header lines, and decodes typed header values on first use (every known header was checked against
/// its grammar when the message was parsed, so the typed accessors do not fail). To change a message, make a
/// builder with <c>ToBuilder()</c>.
/// </summary>
public abstract class SipMessage
{
    private readonly HeaderSlot[] _slots;
    private readonly MessageFacts _facts;
    private object?[]? _typed;

    private protected SipMessage(ReadOnlyMemory<byte> buffer, HeaderSlot[] slots, in MessageFacts facts)
    {
        Buffer = buffer;
        _slots = slots;
        _facts = facts;
    }

    /// <summary>The bytes of the whole message, start line to the end of the body.</summary>
    public ReadOnlyMemory<byte> Buffer { get; }

    public ReadOnlyMemory<byte> Body => Buffer.Slice(_facts.BodyStart, _facts.BodyLength);

    public abstract bool IsRequest { get; }

    public HeaderList Headers => new(Buffer, _slots);

    internal HeaderSlot[] Slots => _slots;

    internal ref readonly MessageFacts Facts => ref _facts;

    public string CallId => Cached(HeaderKind.CallId, static (m, k) => Text.Ascii(m.FirstRaw(HeaderKind.CallId).Trim(" \t"u8)));

    public CSeq CSeq => new(_facts.CSeqNumber, _facts.CSeqMethod);

    /// <summary>Max-Forwards, or null when the header is absent.</summary>
    public int? MaxForwards => _facts.MaxForwards < 0 ? null : _facts.MaxForwards;

    /// <summary>Content-Length as received, or the body length when the header is absent (allowed on UDP).</summary>
    public int ContentLength => _facts.BodyLength;

    /// <summary>The Expires header in seconds (capped at 2^32-1), or null.</summary>
    public long? Expires => _facts.Expires < 0 ? null : _facts.Expires;

    public long? MinExpires => Scalar(HeaderKind.MinExpires);

    public IReadOnlyList<Via> Vias => Cached(HeaderKind.Via, static (m, k) =>
    {
        var list = ScratchList<Via>.Rent();
        foreach (var slot in m._slots)
        {
            if (slot.Kind == k) ViaSyntax.ReadList(m.Raw(slot), list, out _);
        }
        return ScratchList<Via>.ToArrayAndReturn(list);
    });

    public Via TopVia => Vias[0];

    public NameAddress From => Address(HeaderKind.From);

    public NameAddress To => Address(HeaderKind.To);

    public IReadOnlyList<NameAddress> Contacts => AddressList(HeaderKind.Contact);

    /// <summary>True for "Contact: *" (RFC 3261 §10.2.2).</summary>
    public bool IsWildcardContact => Has(HeaderKind.Contact) && HeaderGrammar.IsWildcard(FirstRaw(HeaderKind.Contact));

    public IReadOnlyList<NameAddress> Routes => AddressList(HeaderKind.Route);

    public IReadOnlyList<NameAddress> RecordRoutes => AddressList(HeaderKind.RecordRoute);

    public IReadOnlyList<NameAddress> Paths => AddressList(HeaderKind.Path);

    public NameAddress? ReferTo => Has(HeaderKind.ReferTo) ? Address(HeaderKind.ReferTo) : null;

    public MediaType? ContentType => Has(HeaderKind.ContentType)
        ? Cached(HeaderKind.ContentType, static (m, k) => MediaTypeSyntax.ReadSingle(m.FirstRaw(HeaderKind.ContentType), build: true, out var t, out _) ? t : null)
        : null;

    /// <summary>The media ranges of Accept; empty when the header is absent or empty (see <see cref="Has(HeaderKind)"/>).</summary>
    public IReadOnlyList<MediaType> Accept => Cached(HeaderKind.Accept, static (m, k) =>
    {
        var list = ScratchList<MediaType>.Rent();
        foreach (var slot in m._slots)
        {
            if (slot.Kind == k) MediaTypeSyntax.ReadList(m.Raw(slot), list, out _);
        }
        return ScratchList<MediaType>.ToArrayAndReturn(list);
    });

    public IReadOnlyList<string> Require => Tokens(HeaderKind.Require);

    public IReadOnlyList<string> ProxyRequire => Tokens(HeaderKind.ProxyRequire);

    public IReadOnlyList<string> Supported => Tokens(HeaderKind.Supported);

    public IReadOnlyList<string> Unsupported => Tokens(HeaderKind.Unsupported);

    public IReadOnlyList<string> Allow => Tokens(HeaderKind.Allow);

    public IReadOnlyList<string> AllowEvents => Tokens(HeaderKind.AllowEvents);

    public IReadOnlyList<string> ContentEncoding => Tokens(HeaderKind.ContentEncoding);

    public ParameterizedValue? Event => Parameterized(HeaderKind.Event);

    public ParameterizedValue? SubscriptionState => Parameterized(HeaderKind.SubscriptionState);

    public ParameterizedValue? SessionExpires => Parameterized(HeaderKind.SessionExpires);

    public ParameterizedValue? RetryAfter => Has(HeaderKind.RetryAfter)
        ? Cached(HeaderKind.RetryAfter, static (m, k) => ParameterizedSyntax.ReadRetryAfter(m.FirstRaw(HeaderKind.RetryAfter), build: true, out var v, out _) ? v : null)
        : null;

    public IReadOnlyList<ParameterizedValue> Reasons => Cached(HeaderKind.Reason, static (m, k) =>
    {
        var list = ScratchList<ParameterizedValue>.Rent();
        foreach (var slot in m._slots)
        {
            if (slot.Kind == k) ParameterizedSyntax.ReadList(m.Raw(slot), single: false, comment: false, list, out _);
        }
        return ScratchList<ParameterizedValue>.ToArrayAndReturn(list);
    });

    public IReadOnlyList<AuthHeaderValue> WwwAuthenticate => Auth(HeaderKind.WwwAuthenticate);

    public IReadOnlyList<AuthHeaderValue> ProxyAuthenticate => Auth(HeaderKind.ProxyAuthenticate);

    public IReadOnlyList<AuthHeaderValue> Authorization => Auth(HeaderKind.Authorization);

    public IReadOnlyList<AuthHeaderValue> ProxyAuthorization => Auth(HeaderKind.ProxyAuthorization);

    public AuthHeaderValue? AuthenticationInfo => Has(HeaderKind.AuthenticationInfo)
        ? Cached(HeaderKind.AuthenticationInfo, static (m, k) => AuthSyntax.Read(m.FirstRaw(HeaderKind.AuthenticationInfo), withScheme: false, out var v, build: true, out _) ? v : null)
        : null;

    public DateTimeOffset? Date => Has(HeaderKind.Date) && DateSyntax.TryParse(FirstRaw(HeaderKind.Date), out var d, out _) ? d : null;

    public bool Has(HeaderKind kind) => FirstSlot(kind) >= 0;

    /// <summary>The first header of this name (long or compact, any case), unfolded; null when absent.</summary>
    public string? GetHeader(string name)
    {
        foreach (var h in Headers)
        {
            if (h.Is(name)) return h.Value;
        }
        return null;
    }

    /// <summary>Every header line of this name, in order, unfolded.</summary>
    public IEnumerable<string> GetHeaders(string name) => Headers.Where(h => h.Is(name)).Select(h => h.Value);

    /// <summary>Writes the message as it was received (start line to the end of the body).</summary>
    public void WriteTo(IBufferWriter<byte> writer) => writer.Write(Buffer.Span);

    public byte[] ToArray() => Buffer.ToArray();

    public override string ToString() => Text.Utf8String(Buffer.Span);

    internal ReadOnlySpan<byte> FirstRaw(HeaderKind kind)
    {
        foreach (var slot in _slots)
        {
            if (slot.Kind == kind) return Buffer.Span.Slice(slot.ValueStart, slot.ValueLength);
        }
        return default;
    }

    private int FirstSlot(HeaderKind kind)
    {
        for (var i = 0; i < _slots.Length; i++)
        {
            if (_slots[i].Kind == kind) return i;
        }
        return -1;
    }

    private ReadOnlySpan<byte> Raw(in HeaderSlot slot) => Buffer.Span.Slice(slot.ValueStart, slot.ValueLength);

    /// <summary>
    /// Lets go of every value decoded so far; the next read decodes again from the bytes. For a message kept long
    /// after its handling is over (a server transaction absorbing retransmissions for 32 s keeps its request), so
    /// that the decoded URIs, addresses and strings die young instead of being carried through collections.
    /// </summary>
    internal virtual void ForgetDecoded() => Volatile.Write(ref _typed, null);

    /// <summary>
    /// Decodes a typed value once. The cache has one entry per header line and keeps a kind's value at its first
    /// line, so it is as small as the message (not one entry per known kind); an absent header is not cached,
    /// its readers return shared empty values. Concurrent first reads may both decode; either result is kept.
    /// </summary>
    private T Cached<T>(HeaderKind kind, Func<SipMessage, HeaderKind, T> make)
        where T : class?
    {
        var at = FirstSlot(kind);
        if (at < 0) return make(this, kind);
        var cache = Volatile.Read(ref _typed);
        if (cache is null)
        {
            // Never read back from the field: ForgetDecoded may empty it at any moment.
            var fresh = new object?[_slots.Length];
            cache = Interlocked.CompareExchange(ref _typed, fresh, null) ?? fresh;
        }
        if (cache[at] is T hit) return hit;
        var value = make(this, kind);
        cache[at] = value;
        return value;
    }

    private NameAddress Address(HeaderKind kind) => Cached(kind, static (m, kind) =>
    {
        HeaderGrammar.SingleAddress(m.FirstRaw(kind), build: true, out var a, out _);
        return a!;
    });

    private IReadOnlyList<NameAddress> AddressList(HeaderKind kind) => Cached(kind, static (m, kind) =>
    {
        if (kind == HeaderKind.Contact && m.IsWildcardContact) return (IReadOnlyList<NameAddress>)[];
        var list = ScratchList<NameAddress>.Rent();
        foreach (var slot in m._slots)
        {
            if (slot.Kind == kind) NameAddressSyntax.ReadList(m.Raw(slot), list, out _);
        }
        return ScratchList<NameAddress>.ToArrayAndReturn(list);
    });

    private IReadOnlyList<string> Tokens(HeaderKind kind) => Cached(kind, static (m, kind) =>
    {
        var list = ScratchList<string>.Rent();
        foreach (var slot in m._slots)
        {
            if (slot.Kind == kind) TokenListSyntax.Read(m.Raw(slot), allowEmpty: true, list, out _);
        }
        return (IReadOnlyList<string>)ScratchList<string>.ToArrayAndReturn(list);
    });

    private ParameterizedValue? Parameterized(HeaderKind kind) => Has(kind)
        ? Cached(kind, static (m, kind) =>
        {
            var list = ScratchList<ParameterizedValue>.Rent();
            ParameterizedSyntax.ReadList(m.FirstRaw(kind), single: true, comment: false, list, out _);
            return ScratchList<ParameterizedValue>.ToArrayAndReturn(list)[0];
        })
        : null;

    private IReadOnlyList<AuthHeaderValue> Auth(HeaderKind kind) => Cached(kind, static (m, kind) =>
    {
        var list = ScratchList<AuthHeaderValue>.Rent();
        foreach (var slot in m._slots)
        {
            if (slot.Kind == kind && AuthSyntax.Read(m.Raw(slot), withScheme: true, out var v, build: true, out _)) list.Add(v!);
        }
        return (IReadOnlyList<AuthHeaderValue>)ScratchList<AuthHeaderValue>.ToArrayAndReturn(list);
    });

    private long? Scalar(HeaderKind kind) =>
        Has(kind) && ScalarSyntax.WholeNumber(FirstRaw(kind), long.MaxValue, "", out var n, out _) ? Math.Min(n, uint.MaxValue) : null;
}

/// <summary>Values every message needs, taken once while parsing.</summary>
internal readonly record struct MessageFacts(
    int BodyStart,
    int BodyLength,
    uint CSeqNumber,
    string CSeqMethod,
    int MaxForwards,
    long Expires);
