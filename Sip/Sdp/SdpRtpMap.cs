using System.Diagnostics.CodeAnalysis;

namespace Cinema.Sip.Sdp;

/// <summary><c>a=rtpmap:&lt;payload type&gt; &lt;encoding name&gt;/&lt;clock rate&gt;[/&lt;channels&gt;]</c> (RFC 8866 §6.6).</summary>
/// <param name="PayloadType">RTP payload type, 0-127.</param>
/// <param name="EncodingName">Encoding name as written (compare case-insensitively, RFC 4855 §3).</param>
/// <param name="ClockRate">RTP clock rate in Hz.</param>
/// <param name="Channels">Audio channel count; null when omitted, which means 1 (RFC 8866 §6.6).</param>
public sealed record SdpRtpMap(int PayloadType, string EncodingName, int ClockRate, int? Channels = null)
{
    /// <summary>The channel count with the RFC 8866 §6.6 default of one applied.</summary>
    public int EffectiveChannels => Channels ?? 1;

    /// <summary>Parses the value of an rtpmap attribute; false when it is malformed.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out SdpRtpMap? rtpMap)
    {
        rtpMap = null;
        if (value is null)
        {
            return false;
        }

        var text = value.AsSpan().Trim(' ');
        var space = text.IndexOf(' ');
        if (space <= 0 || !SdpNumber.TryParsePayloadType(text[..space], out var payloadType))
        {
            return false;
        }

        var encoding = text[(space + 1)..].TrimStart(' ');
        var slash = encoding.IndexOf('/');
        if (slash <= 0)
        {
            return false;
        }

        var name = encoding[..slash];
        var parameters = encoding[(slash + 1)..];
        int? channels = null;
        var secondSlash = parameters.IndexOf('/');
        if (secondSlash >= 0)
        {
            if (!SdpNumber.TryParseInt32(parameters[(secondSlash + 1)..], out var count) || count == 0)
            {
                return false;
            }

            channels = count;
            parameters = parameters[..secondSlash];
        }

        if (!SdpNumber.TryParseInt32(parameters, out var clockRate) || clockRate == 0 || name.Contains(' '))
        {
            return false;
        }

        rtpMap = new SdpRtpMap(payloadType, name.ToString(), clockRate, channels);
        return true;
    }

    /// <summary>The attribute value, e.g. "111 opus/48000/2".</summary>
    public string ToAttributeValue()
    {
        var value = SdpNumber.Format(PayloadType) + " " + EncodingName + "/" + SdpNumber.Format(ClockRate);
        return Channels is { } channels ? value + "/" + SdpNumber.Format(channels) : value;
    }

    /// <summary>The <c>a=rtpmap</c> attribute.</summary>
    public SdpAttribute ToAttribute() => new(SdpAttributeNames.RtpMap, ToAttributeValue());
}
