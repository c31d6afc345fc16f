using System.Collections.Immutable;

namespace Cinema.Sip.Sdp;

/// <summary>
/// An <c>m=</c> section with its <c>i=</c>, <c>c=</c>, <c>b=</c>, <c>k=</c> and <c>a=</c> lines (RFC 8866 §5.14).
/// </summary>
/// <param name="Media">Media type, e.g. "audio" or "video".</param>
/// <param name="Port">Transport port; 0 means the stream is rejected or disabled (RFC 3264 §5.1).</param>
/// <param name="Protocol">Transport protocol, e.g. "RTP/AVP" or "RTP/SAVP".</param>
public sealed partial record MediaDescription(string Media, int Port, string Protocol)
{
    private readonly ImmutableArray<string> _formats = [];
    private readonly ImmutableArray<SdpConnection> _connections = [];
    private readonly ImmutableArray<SdpBandwidth> _bandwidths = [];
    private readonly ImmutableArray<SdpAttribute> _attributes = [];
    private readonly ImmutableArray<SdpLine> _unknownLines = [];

    /// <summary>The "/&lt;number of ports&gt;" part of the port field, when present.</summary>
    public int? PortCount { get; init; }

    /// <summary>Media formats; RTP payload type numbers for the RTP profiles.</summary>
    public ImmutableArray<string> Formats { get => _formats; init => _formats = SdpLists.OrEmpty(value); }

    /// <summary>The media-level <c>i=</c> line.</summary>
    public string? Information { get; init; }

    /// <summary>Media-level <c>c=</c> lines; several are allowed for multicast (RFC 8866 §5.7).</summary>
    public ImmutableArray<SdpConnection> Connections { get => _connections; init => _connections = SdpLists.OrEmpty(value); }

    /// <summary>Media-level <c>b=</c> lines.</summary>
    public ImmutableArray<SdpBandwidth> Bandwidths { get => _bandwidths; init => _bandwidths = SdpLists.OrEmpty(value); }

    /// <summary>The obsolete <c>k=</c> line, kept verbatim (RFC 8866 §5.12).</summary>
    public string? EncryptionKey { get; init; }

    /// <summary>The <c>a=</c> lines in their original order.</summary>
    public ImmutableArray<SdpAttribute> Attributes { get => _attributes; init => _attributes = SdpLists.OrEmpty(value); }

    /// <summary>Lines with unknown type letters, in their original order; written at the end of the section.</summary>
    public ImmutableArray<SdpLine> UnknownLines { get => _unknownLines; init => _unknownLines = SdpLists.OrEmpty(value); }

    /// <summary>True when the port is 0: rejected in an answer or disabled in an offer (RFC 3264 §5.1, §6).</summary>
    public bool IsRejected => Port == 0;

    /// <summary>The direction attribute written in this section, or null when it inherits (RFC 8866 §6.7).</summary>
    public MediaDirection? Direction => SdpAttributeList.FindDirection(_attributes);

    /// <summary>The <c>a=ptime</c> value in milliseconds, or null when absent or malformed.</summary>
    public int? Ptime => SdpAttributeList.FindInt32(_attributes, SdpAttributeNames.Ptime);

    /// <summary>The <c>a=maxptime</c> value in milliseconds, or null when absent or malformed.</summary>
    public int? MaxPtime => SdpAttributeList.FindInt32(_attributes, SdpAttributeNames.MaxPtime);

    /// <summary>Whether <c>a=rtcp-mux</c> is present (RFC 5761 §5.1.1).</summary>
    public bool RtcpMux => SdpAttributeList.Find(_attributes, SdpAttributeNames.RtcpMux) is not null;

    /// <summary>The parsed <c>a=rtcp</c> attribute, or null when absent or malformed.</summary>
    public SdpRtcp? Rtcp
        => SdpRtcp.TryParse(SdpAttributeList.Find(_attributes, SdpAttributeNames.Rtcp)?.Value, out var rtcp) ? rtcp : null;

    /// <summary>The first attribute with this name, or null.</summary>
    public SdpAttribute? GetAttribute(string name) => SdpAttributeList.Find(_attributes, name);

    /// <summary>Whether an attribute with this name is present.</summary>
    public bool HasAttribute(string name) => SdpAttributeList.Find(_attributes, name) is not null;

    /// <summary>All well-formed <c>a=rtpmap</c> attributes, in order; malformed ones are skipped.</summary>
    public ImmutableArray<SdpRtpMap> GetRtpMaps()
    {
        var builder = ImmutableArray.CreateBuilder<SdpRtpMap>();
        foreach (var attribute in _attributes)
        {
            if (attribute.Is(SdpAttributeNames.RtpMap) && SdpRtpMap.TryParse(attribute.Value, out var rtpMap))
            {
                builder.Add(rtpMap);
            }
        }

        return builder.DrainToImmutable();
    }

    /// <summary>The <c>a=rtpmap</c> for a payload type, or null.</summary>
    public SdpRtpMap? GetRtpMap(int payloadType)
    {
        foreach (var attribute in _attributes)
        {
            if (attribute.Is(SdpAttributeNames.RtpMap)
                && SdpRtpMap.TryParse(attribute.Value, out var rtpMap)
                && rtpMap.PayloadType == payloadType)
            {
                return rtpMap;
            }
        }

        return null;
    }

    /// <summary>The <c>a=fmtp</c> for a payload type, or null.</summary>
    public SdpFmtp? GetFmtp(int payloadType)
    {
        foreach (var attribute in _attributes)
        {
            if (attribute.Is(SdpAttributeNames.Fmtp)
                && SdpFmtp.TryParse(attribute.Value, out var fmtp)
                && fmtp.PayloadType == payloadType)
            {
                return fmtp;
            }
        }

        return null;
    }

    /// <summary>A copy with the direction attribute replaced (or removed when <paramref name="direction"/> is null).</summary>
    public MediaDescription WithDirection(MediaDirection? direction)
        => this with { Attributes = SdpAttributeList.WithDirection(_attributes, direction) };

    /// <summary>A copy with an attribute appended.</summary>
    public MediaDescription WithAttribute(SdpAttribute attribute)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        return this with { Attributes = _attributes.Add(attribute) };
    }

    /// <summary>A copy without any attribute of this name.</summary>
    public MediaDescription WithoutAttribute(string name)
        => this with { Attributes = SdpAttributeList.Without(_attributes, name) };

    /// <summary>The section as SDP text (CRLF line ends).</summary>
    public override string ToString() => SdpWriter.Write(this);
}
