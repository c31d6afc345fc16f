namespace Cinema.Sip.Messages;

/// <summary>
/// Canonical header names and their compact forms (RFC 3261 §7.3.3, §20; RFC 3265, 3515, 3892, 4028), with a
/// case-insensitive lookup from the bytes of a header name.
/// </summary>
public static class HeaderNames
{
    private static readonly string[] Canonical = new string[Enum.GetValues<HeaderKind>().Length];
    private static readonly ReadOnlyMemory<byte>[] CanonicalBytes = new ReadOnlyMemory<byte>[Canonical.Length];
    private static readonly (byte[] Lower, HeaderKind Kind)[][] ByLength = new (byte[], HeaderKind)[32][];
    private static readonly HeaderKind[] Compact = new HeaderKind[128];

    static HeaderNames()
    {
        Add(HeaderKind.Via, "Via", 'v');
        Add(HeaderKind.From, "From", 'f');
        Add(HeaderKind.To, "To", 't');
        Add(HeaderKind.CallId, "Call-ID", 'i');
        Add(HeaderKind.CSeq, "CSeq");
        Add(HeaderKind.MaxForwards, "Max-Forwards");
        Add(HeaderKind.Contact, "Contact", 'm');
        Add(HeaderKind.Route, "Route");
        Add(HeaderKind.RecordRoute, "Record-Route");
        Add(HeaderKind.Path, "Path");
        Add(HeaderKind.Expires, "Expires");
        Add(HeaderKind.MinExpires, "Min-Expires");
        Add(HeaderKind.ContentType, "Content-Type", 'c');
        Add(HeaderKind.ContentLength, "Content-Length", 'l');
        Add(HeaderKind.ContentEncoding, "Content-Encoding", 'e');
        Add(HeaderKind.Require, "Require");
        Add(HeaderKind.ProxyRequire, "Proxy-Require");
        Add(HeaderKind.Supported, "Supported", 'k');
        Add(HeaderKind.Unsupported, "Unsupported");
        Add(HeaderKind.Allow, "Allow");
        Add(HeaderKind.Accept, "Accept");
        Add(HeaderKind.Event, "Event", 'o');
        Add(HeaderKind.AllowEvents, "Allow-Events", 'u');
        Add(HeaderKind.SubscriptionState, "Subscription-State");
        Add(HeaderKind.WwwAuthenticate, "WWW-Authenticate");
        Add(HeaderKind.ProxyAuthenticate, "Proxy-Authenticate");
        Add(HeaderKind.Authorization, "Authorization");
        Add(HeaderKind.ProxyAuthorization, "Proxy-Authorization");
        Add(HeaderKind.AuthenticationInfo, "Authentication-Info");
        Add(HeaderKind.Reason, "Reason");
        Add(HeaderKind.RetryAfter, "Retry-After");
        Add(HeaderKind.Date, "Date");
        Add(HeaderKind.Subject, "Subject", 's');
        Add(HeaderKind.UserAgent, "User-Agent");
        Add(HeaderKind.Server, "Server");
        Add(HeaderKind.ReferTo, "Refer-To", 'r');
        Add(HeaderKind.ReferredBy, "Referred-By", 'b');
        Add(HeaderKind.SessionExpires, "Session-Expires", 'x');
        Add(HeaderKind.Timestamp, "Timestamp");
        Add(HeaderKind.Warning, "Warning");
        // The parser tracks which kinds it has seen in a 64-bit mask (HeaderChecks).
        if (Canonical.Length > 64) throw new InvalidOperationException("HeaderKind has more than 64 values.");
    }

    private static void Add(HeaderKind kind, string name, char compact = '\0')
    {
        Canonical[(int)kind] = name;
        CanonicalBytes[(int)kind] = System.Text.Encoding.ASCII.GetBytes(name);
        var lower = System.Text.Encoding.ASCII.GetBytes(name.ToLowerInvariant());
        var bucket = ByLength[lower.Length] ?? [];
        ByLength[lower.Length] = [.. bucket, (lower, kind)];
        if (compact != '\0')
        {
            Compact[compact] = kind;
            Compact[char.ToUpperInvariant(compact)] = kind;
        }
    }

    /// <summary>The canonical (long) name of a known header, e.g. "Call-ID".</summary>
    public static string NameOf(HeaderKind kind) =>
        kind == HeaderKind.Unknown ? throw new ArgumentOutOfRangeException(nameof(kind)) : Canonical[(int)kind];

    /// <summary>The canonical name as bytes, shared (read-only), for writing a header.</summary>
    internal static ReadOnlyMemory<byte> NameBytes(HeaderKind kind) => CanonicalBytes[(int)kind];

    /// <summary>Finds the kind of a header name, long or compact form, in any letter case.</summary>
    public static HeaderKind KindOf(ReadOnlySpan<byte> name)
    {
        if (name.Length == 1) return name[0] < 128 ? Compact[name[0]] : HeaderKind.Unknown;
        if (name.Length >= ByLength.Length || ByLength[name.Length] is not { } bucket) return HeaderKind.Unknown;
        // Names of one length differ in their first letter but for a few (Contact/Content-*, Proxy-*, Allow/Accept),
        // so compare that byte before the whole name.
        var first = (byte)(name[0] | 0x20);
        foreach (var (lower, kind) in bucket)
        {
            if (lower[0] == first && Syntax.CharClass.EqualsLower(name, lower)) return kind;
        }
        return HeaderKind.Unknown;
    }

    /// <summary>
    /// The kind of a header name given as text, without encoding it to a new array: known names are short ASCII
    /// tokens, so a longer or non-ASCII name is unknown as it stands.
    /// </summary>
    public static HeaderKind KindOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length >= ByLength.Length) return HeaderKind.Unknown;
        Span<byte> ascii = stackalloc byte[ByLength.Length];
        return System.Text.Ascii.FromUtf16(name, ascii, out var written) == System.Buffers.OperationStatus.Done
            ? KindOf(ascii[..written])
            : HeaderKind.Unknown;
    }

    public const string Via = "Via";
    public const string From = "From";
    public const string To = "To";
    public const string CallId = "Call-ID";
    public const string CSeq = "CSeq";
    public const string MaxForwards = "Max-Forwards";
    public const string Contact = "Contact";
    public const string Route = "Route";
    public const string RecordRoute = "Record-Route";
    public const string Path = "Path";
    public const string Expires = "Expires";
    public const string MinExpires = "Min-Expires";
    public const string ContentType = "Content-Type";
    public const string ContentLength = "Content-Length";
    public const string Require = "Require";
    public const string ProxyRequire = "Proxy-Require";
    public const string Supported = "Supported";
    public const string Unsupported = "Unsupported";
    public const string Allow = "Allow";
    public const string Accept = "Accept";
    public const string Event = "Event";
    public const string SubscriptionState = "Subscription-State";
    public const string WwwAuthenticate = "WWW-Authenticate";
    public const string ProxyAuthenticate = "Proxy-Authenticate";
    public const string Authorization = "Authorization";
    public const string ProxyAuthorization = "Proxy-Authorization";
    public const string AuthenticationInfo = "Authentication-Info";
    public const string Reason = "Reason";
    public const string RetryAfter = "Retry-After";
    public const string Date = "Date";
    public const string UserAgent = "User-Agent";
    public const string Server = "Server";
}
