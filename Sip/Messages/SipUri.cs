using System.Globalization;
using System.Text;
using Cinema.Sip.Messages.Syntax;

namespace Cinema.Sip.Messages;

/// <summary>
/// A sip:, sips: or tel: URI with its parts, or another absolute URI kept opaque. Immutable: the <c>With…</c>
/// methods return a changed copy. User, password and parameter values are held unescaped; a parsed URI
/// writes back exactly the text it was parsed from until it is changed.
/// </summary>
public sealed class SipUri : IEquatable<SipUri>
{
    private string? _text;

    internal SipUri(UriScheme scheme, string schemeName, string? user, string? password, string host, int? port,
        ParameterList parameters, ParameterList headers, string? opaque, string? text)
    {
        Scheme = scheme;
        SchemeName = schemeName;
        User = user;
        Password = password;
        Host = host;
        Port = port;
        Parameters = parameters;
        Headers = headers;
        Opaque = opaque;
        _text = text;
    }

    /// <summary>A sip: or sips: URI made of parts (user may be null).</summary>
    public SipUri(string? user, string host, int? port = null, bool secure = false, ParameterList? parameters = null)
        : this(secure ? UriScheme.Sips : UriScheme.Sip, secure ? "sips" : "sip", user, null, host, port,
            parameters ?? ParameterList.Empty, ParameterList.Empty, null, null)
    {
    }

    public UriScheme Scheme { get; }

    /// <summary>Lower-case scheme name ("sip", "sips", "tel", or the scheme of an opaque URI).</summary>
    public string SchemeName { get; }

    /// <summary>The user part, unescaped; for tel: the telephone number.</summary>
    public string? User { get; }

    public string? Password { get; }

    /// <summary>Host as written (IPv6 references keep their brackets); empty for tel: and opaque URIs.</summary>
    public string Host { get; }

    public int? Port { get; }

    public ParameterList Parameters { get; }

    /// <summary>The ?name=value headers of the URI (RFC 3261 §19.1.1), unescaped.</summary>
    public ParameterList Headers { get; }

    /// <summary>Everything after "scheme:" for a scheme that is not sip, sips or tel.</summary>
    public string? Opaque { get; }

    public bool IsSip => Scheme is UriScheme.Sip or UriScheme.Sips;

    public bool IsSecure => Scheme == UriScheme.Sips;

    /// <summary>The transport= parameter, lower-cased, or null.</summary>
    public string? Transport => Parameters["transport"]?.ToLowerInvariant();

    public string? Maddr => Parameters["maddr"];

    /// <summary>The lr parameter marks a loose router (RFC 3261 §16.4).</summary>
    public bool IsLooseRouter => Parameters.Contains("lr");

    /// <summary>Host without IPv6 brackets, for address parsing and DNS.</summary>
    public string HostName => Host.Length > 1 && Host[0] == '[' ? Host[1..^1] : Host;

    /// <summary>"user@host" with the host lower-cased: the key of an address-of-record (RFC 3261 §10.3 step 5).</summary>
    public string AddressOfRecord => User is null ? Host.ToLowerInvariant() : User + "@" + Host.ToLowerInvariant();

    public static SipUri Parse(string text) =>
        TryParse(text, out var uri, out var error) ? uri : throw new FormatException($"Invalid URI '{text}': {error}");

    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SipUri? uri, out string? error)
    {
        uri = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "empty URI";
            return false;
        }
        return UriSyntax.TryParse(Encoding.UTF8.GetBytes(text), build: true, out uri, out error);
    }

    public SipUri WithUser(string? user) => Change(user: user, clearUser: user is null);

    public SipUri WithHost(string host, int? port) => new(Scheme, SchemeName, User, Password, host, port, Parameters, Headers, Opaque, null);

    public SipUri WithParameter(string name, string? value = null) => Change(parameters: Parameters.With(name, value));

    public SipUri WithoutParameter(string name) => Parameters.Contains(name) ? Change(parameters: Parameters.Without(name)) : this;

    public SipUri WithoutHeaders() => Headers.Count == 0 ? this : new(Scheme, SchemeName, User, Password, Host, Port, Parameters, ParameterList.Empty, Opaque, null);

    public SipUri WithScheme(UriScheme scheme) => scheme == Scheme
        ? this
        : new(scheme, scheme == UriScheme.Sips ? "sips" : "sip", User, Password, Host, Port, Parameters, Headers, Opaque, null);

    private SipUri Change(string? user = null, bool clearUser = false, ParameterList? parameters = null) =>
        new(Scheme, SchemeName, clearUser ? null : user ?? User, Password, Host, Port, parameters ?? Parameters, Headers, Opaque, null);

    public override string ToString() => _text ??= Format();

    private string Format()
    {
        var sb = new StringBuilder(64);
        sb.Append(SchemeName).Append(':');
        if (Scheme == UriScheme.Other) return sb.Append(Opaque).ToString();
        if (User is not null)
        {
            AppendEscaped(sb, User, Scheme == UriScheme.Tel ? CharClass.IsTelChar : CharClass.IsUserChar);
            if (Password is not null) AppendEscaped(sb.Append(':'), Password, CharClass.IsPasswordChar);
            if (Scheme != UriScheme.Tel) sb.Append('@');
        }
        sb.Append(Host);
        if (Port is { } port) sb.Append(':').Append(port.ToString(CultureInfo.InvariantCulture));
        foreach (var p in Parameters)
        {
            AppendEscaped(sb.Append(';'), p.Name, CharClass.IsParamChar);
            if (p.Value is not null) AppendEscaped(sb.Append('='), p.Value, CharClass.IsParamChar);
        }
        var first = true;
        foreach (var h in Headers)
        {
            sb.Append(first ? '?' : '&');
            first = false;
            AppendEscaped(sb, h.Name, CharClass.IsHeaderChar);
            AppendEscaped(sb.Append('='), h.Value ?? "", CharClass.IsHeaderChar);
        }
        return sb.ToString();
    }

    private static void AppendEscaped(StringBuilder sb, string value, Func<byte, bool> allowed)
    {
        Span<byte> one = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            var n = rune.EncodeToUtf8(one);
            for (var i = 0; i < n; i++)
            {
                var b = one[i];
                if (b < 0x80 && b != '%' && allowed(b)) sb.Append((char)b);
                else sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>
    /// URI comparison of RFC 3261 §19.1.4: scheme, user and password case-sensitive (after unescaping), host
    /// case-insensitive, port compared as given, user/ttl/method/maddr/transport params must match when present in
    /// either, other params only when present in both; headers must all match.
    /// </summary>
    public bool Equals(SipUri? other)
    {
        if (other is null) return false;
        if (ReferenceEquals(this, other)) return true;
        if (Scheme != other.Scheme || !string.Equals(SchemeName, other.SchemeName, StringComparison.Ordinal)) return false;
        if (Scheme == UriScheme.Other) return string.Equals(Opaque, other.Opaque, StringComparison.Ordinal);
        if (!string.Equals(User, other.User, StringComparison.Ordinal) || !string.Equals(Password, other.Password, StringComparison.Ordinal)) return false;
        if (!string.Equals(Host, other.Host, StringComparison.OrdinalIgnoreCase) || Port != other.Port) return false;
        foreach (var name in (string[])["user", "ttl", "method", "maddr", "transport"])
        {
            if (Parameters.Contains(name) != other.Parameters.Contains(name)) return false;
        }
        for (var i = 0; i < Parameters.Count; i++)
        {
            // A repeated name is compared occurrence by occurrence, so that a URI equals an identical one.
            var p = Parameters[i];
            if (other.Parameters.TryGetOccurrence(p.Name, Parameters.OccurrenceAt(i), out var q)
                && !string.Equals(p.Value, q.Value, StringComparison.OrdinalIgnoreCase)) return false;
        }
        return Headers.Equals(other.Headers);
    }

    public override bool Equals(object? obj) => Equals(obj as SipUri);

    public override int GetHashCode() => HashCode.Combine(Scheme, User, Host.ToLowerInvariant(), Port);
}
