using System.Diagnostics.CodeAnalysis;

namespace Cinema.Sip.Sdp;

/// <summary>An <c>a=</c> line (RFC 8866 §5.13): <c>a=name</c> (property) or <c>a=name:value</c>.</summary>
/// <param name="Name">The attribute name.</param>
/// <param name="Value">The value; null for a property attribute, which is distinct from an empty value ("a=name:").</param>
[SuppressMessage("Naming", "CA1711", Justification = "RFC 8866 §5.13 calls a= lines attributes; this is not a .NET attribute.")]
public sealed record SdpAttribute(string Name, string? Value = null)
{
    /// <summary>True for a property attribute such as <c>a=rtcp-mux</c>.</summary>
    public bool IsProperty => Value is null;

    /// <summary>Whether this attribute has the given name (compared case-insensitively).</summary>
    public bool Is(string name) => string.Equals(Name, name, StringComparison.OrdinalIgnoreCase);

    /// <summary>The text after "a=".</summary>
    public override string ToString() => Value is null ? Name : Name + ":" + Value;

    /// <summary><c>a=ptime:&lt;ms&gt;</c> (RFC 8866 §6.4).</summary>
    public static SdpAttribute Ptime(int milliseconds) => new(SdpAttributeNames.Ptime, SdpNumber.Format(milliseconds));

    /// <summary><c>a=maxptime:&lt;ms&gt;</c> (RFC 8866 §6.5).</summary>
    public static SdpAttribute MaxPtime(int milliseconds) => new(SdpAttributeNames.MaxPtime, SdpNumber.Format(milliseconds));

    /// <summary>The property attribute for a direction (RFC 8866 §6.7).</summary>
    public static SdpAttribute Direction(MediaDirection direction) => new(direction.ToAttributeName());

    /// <summary><c>a=rtcp-mux</c> (RFC 5761 §5.1.1).</summary>
    public static SdpAttribute RtcpMux() => new(SdpAttributeNames.RtcpMux);
}
