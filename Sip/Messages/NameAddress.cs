using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Cinema.Sip.Messages.Syntax;

namespace Cinema.Sip.Messages;

/// <summary>
/// The value of From, To, Contact, Route, Record-Route, Path and similar headers: an optional display name, a
/// URI and header parameters (RFC 3261 §20.10, §20.20, §20.39).
/// </summary>
public sealed class NameAddress : IEquatable<NameAddress>
{
    public NameAddress(SipUri uri, string? displayName = null, ParameterList? parameters = null)
    {
        Uri = uri;
        DisplayName = displayName;
        Parameters = parameters ?? ParameterList.Empty;
    }

    /// <summary>The display name, unquoted; null when there is none.</summary>
    public string? DisplayName { get; }

    public SipUri Uri { get; }

    /// <summary>Header parameters (after the URI, outside the angle brackets).</summary>
    public ParameterList Parameters { get; }

    public string? Tag => Parameters["tag"];

    /// <summary>The expires parameter of a Contact (RFC 3261 §10.2.1.1); huge values are capped at 2^32-1.</summary>
    public long? Expires => Parameters["expires"] is { } v ? ScalarSyntax.ParseDeltaSeconds(v) : null;

    /// <summary>The q parameter of a Contact as a value in [0, 1] (RFC 3261 §20.10); null when absent or malformed.</summary>
    public double? Q => Parameters["q"] is { } v && double.TryParse(v, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var q) && q is >= 0 and <= 1 ? q : null;

    /// <summary>The +sip.instance value without its quotes (RFC 5626 §4.1), e.g. "&lt;urn:uuid:…&gt;".</summary>
    public string? InstanceId => Parameters["+sip.instance"];

    /// <summary>The reg-id of an RFC 5626 flow.</summary>
    public int? RegId => Parameters["reg-id"] is { } v && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : null;

    public NameAddress WithParameter(string name, string? value, bool quoted = false) => new(Uri, DisplayName, Parameters.With(name, value, quoted));

    public NameAddress WithoutParameter(string name) => new(Uri, DisplayName, Parameters.Without(name));

    public NameAddress WithTag(string tag) => WithParameter("tag", tag);

    public NameAddress WithUri(SipUri uri) => new(uri, DisplayName, Parameters);

    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out NameAddress? value, out string? error)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var s = new SipScanner(bytes);
        s.SkipLws();
        value = null;
        if (!NameAddressSyntax.Read(ref s, build: true, out var parsed, out error)) return false;
        s.SkipLws();
        if (!s.AtEnd)
        {
            error = "unexpected text after the address";
            return false;
        }
        value = parsed!;
        return true;
    }

    public static NameAddress Parse(string text) =>
        TryParse(text, out var v, out var error) ? v : throw new FormatException($"Invalid address '{text}': {error}");

    /// <summary>Always writes the name-addr form with angle brackets, which is safe for any URI.</summary>
    public override string ToString()
    {
        var text = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture, stackalloc char[256]);
        if (!string.IsNullOrEmpty(DisplayName))
        {
            text.AppendLiteral(Text.Quote(DisplayName));
            text.AppendLiteral(" ");
        }
        text.AppendLiteral("<");
        text.AppendLiteral(Uri.ToString());
        text.AppendLiteral(">");
        Parameters.AppendTo(ref text);
        return text.ToStringAndClear();
    }

    public bool Equals(NameAddress? other) =>
        other is not null && Uri.Equals(other.Uri) && Parameters.Equals(other.Parameters);

    public override bool Equals(object? obj) => Equals(obj as NameAddress);

    public override int GetHashCode() => Uri.GetHashCode();
}
