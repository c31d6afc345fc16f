using System.Collections.Immutable;

namespace Cinema.Sip.Sdp;

/// <summary>
/// An SDP session description (RFC 8866 §5). Immutable: derive changed copies with <c>with</c>
/// or the <c>With…</c> helpers. Equality is structural, so parse → write → parse compares equal.
/// </summary>
public sealed partial record SessionDescription
{
    private readonly ImmutableArray<string> _emails = [];
    private readonly ImmutableArray<string> _phones = [];
    private readonly ImmutableArray<SdpBandwidth> _bandwidths = [];
    private readonly ImmutableArray<SdpTiming> _timings = [];
    private readonly ImmutableArray<SdpAttribute> _attributes = [];
    private readonly ImmutableArray<MediaDescription> _media = [];
    private readonly ImmutableArray<SdpLine> _unknownLines = [];

    /// <summary>The <c>v=</c> value; always 0 (RFC 8866 §5.1).</summary>
    public int Version { get; init; }

    /// <summary>The <c>o=</c> line.</summary>
    public required SdpOrigin Origin { get; init; }

    /// <summary>The <c>s=</c> line; "-" when there is no meaningful name (RFC 3264 §5).</summary>
    public string SessionName { get; init; } = "-";

    /// <summary>The session-level <c>i=</c> line.</summary>
    public string? Information { get; init; }

    /// <summary>The <c>u=</c> line.</summary>
    public string? Uri { get; init; }

    /// <summary>The <c>e=</c> lines.</summary>
    public ImmutableArray<string> Emails { get => _emails; init => _emails = SdpLists.OrEmpty(value); }

    /// <summary>The <c>p=</c> lines.</summary>
    public ImmutableArray<string> Phones { get => _phones; init => _phones = SdpLists.OrEmpty(value); }

    /// <summary>The session-level <c>c=</c> line, the default for media sections without one (RFC 8866 §5.7).</summary>
    public SdpConnection? Connection { get; init; }

    /// <summary>Session-level <c>b=</c> lines.</summary>
    public ImmutableArray<SdpBandwidth> Bandwidths { get => _bandwidths; init => _bandwidths = SdpLists.OrEmpty(value); }

    /// <summary>The <c>t=</c> lines, each with its <c>r=</c> lines.</summary>
    public ImmutableArray<SdpTiming> Timings { get => _timings; init => _timings = SdpLists.OrEmpty(value); }

    /// <summary>The <c>z=</c> line verbatim (RFC 8866 §5.11).</summary>
    public string? TimeZones { get; init; }

    /// <summary>The obsolete session-level <c>k=</c> line, kept verbatim (RFC 8866 §5.12).</summary>
    public string? EncryptionKey { get; init; }

    /// <summary>Session-level <c>a=</c> lines in their original order.</summary>
    public ImmutableArray<SdpAttribute> Attributes { get => _attributes; init => _attributes = SdpLists.OrEmpty(value); }

    /// <summary>The media sections in order; their order matters for offer/answer (RFC 3264 §6).</summary>
    public ImmutableArray<MediaDescription> Media { get => _media; init => _media = SdpLists.OrEmpty(value); }

    /// <summary>Session-level lines with unknown type letters; written at the end of the session section.</summary>
    public ImmutableArray<SdpLine> UnknownLines { get => _unknownLines; init => _unknownLines = SdpLists.OrEmpty(value); }

    /// <summary>The session-level direction attribute, or null (RFC 8866 §6.7).</summary>
    public MediaDirection? Direction => SdpAttributeList.FindDirection(_attributes);

    /// <summary>The first session-level attribute with this name, or null.</summary>
    public SdpAttribute? GetAttribute(string name) => SdpAttributeList.Find(_attributes, name);

    /// <summary>
    /// The direction in force for a media section: its own attribute, else the session-level one,
    /// else sendrecv (RFC 8866 §6.7).
    /// </summary>
    public MediaDirection GetDirection(MediaDescription media)
    {
        ArgumentNullException.ThrowIfNull(media);
        return media.Direction ?? Direction ?? MediaDirection.SendRecv;
    }

    /// <summary>
    /// The connection in force for a media section: its first <c>c=</c>, else the session-level one,
    /// or null when neither exists (RFC 8866 §5.7).
    /// </summary>
    public SdpConnection? GetConnection(MediaDescription media)
    {
        ArgumentNullException.ThrowIfNull(media);
        return media.Connections.IsEmpty ? Connection : media.Connections[0];
    }

    /// <summary>A copy with the session-level direction attribute replaced (or removed when null).</summary>
    public SessionDescription WithDirection(MediaDirection? direction)
        => this with { Attributes = SdpAttributeList.WithDirection(_attributes, direction) };

    /// <summary>The description as SDP text with CRLF line ends.</summary>
    public override string ToString() => SdpWriter.Write(this);
}
